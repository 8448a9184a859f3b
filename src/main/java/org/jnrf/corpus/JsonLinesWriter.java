package org.jnrf.corpus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;

/**
 * Writes every CAS as one line of {@code <target>/<fileName>} (JSON Lines), for Spark, pandas and other tools that
 * read one record per line. Each line is the object {@link JsonWriter} writes, on one line, except that fragment
 * offsets count UTF-16 units, as the CAS does (Java and Spark string offsets). A CAS without text but with
 * {@code DocumentError}s is left to the error report, as in the other writers.
 *
 * <p>Lines are appended and flushed as documents complete, so the file never has to fit in memory and a crash
 * keeps every line already written; with several CPE threads the lines come in completion order. All instances
 * writing the same file (one per CPE pipeline replica) share one open file, truncated when the first is initialised
 * and closed when the last is destroyed.
 */
@ResourceMetaData(name = "JNRF JSON Lines writer")
@TypeCapability(inputs = {"org.jnrf.type.Entity", "org.jnrf.type.EntityFragment", "org.jnrf.type.EntityRelation",
        "org.jnrf.type.SourceDocument", "org.jnrf.type.DocumentError"})
public class JsonLinesWriter extends JnrfFileWriter_ImplBase {
    /** Name of the file in the target folder. */
    public static final String PARAM_FILE_NAME = "fileName";
    @ConfigurationParameter(name = PARAM_FILE_NAME, defaultValue = DEFAULT_FILE_NAME,
            description = "Name of the JSON Lines file in the target folder")
    private String fileName;

    /** Whether each line includes the document text. */
    public static final String PARAM_INCLUDE_TEXT = CorpusParameters.PARAM_INCLUDE_TEXT;
    @ConfigurationParameter(name = PARAM_INCLUDE_TEXT, defaultValue = "false",
            description = "Include the document text in each line")
    private boolean includeText;

    public static final String DEFAULT_FILE_NAME = "annotations.jsonl";
    static final String COMPONENT = "JsonLinesWriter";
    private static final String EXTENSION = ".jsonl";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** The open file of each output folder, shared by its writer instances. */
    private static final FolderShared<Writer> FILES = new FolderShared<>();

    private Path root;
    private Writer out;

    public JsonLinesWriter() {
        super(COMPONENT, EXTENSION);
    }

    /** A writer of {@code annotations.jsonl} (without the document text) into {@code targetFolder}. */
    public static AnalysisEngineDescription description(Path targetFolder) throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(JsonLinesWriter.class,
                PARAM_TARGET_LOCATION, targetFolder.toString());
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        root = target().toAbsolutePath().normalize();
        Path file = OutputFiles.resolve(root, fileName, "");
        try {
            out = FILES.acquire(file, f -> open(root, f));
        } catch (IOException e) {
            throw new ResourceInitializationException(e);
        }
    }

    /** Opens {@code file} inside {@code root} anew; a link there is replaced, not followed out of the folder. */
    private static Writer open(Path root, Path file) throws IOException {
        OutputFiles.createFoldersInside(root, file.getParent());
        Files.deleteIfExists(file);
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), StandardCharsets.UTF_8));
    }

    /** Appends the document's line to the shared file. */
    @Override
    protected void write(JCas jcas) throws IOException {
        String line = MAPPER.writeValueAsString(JsonWriter.toJson(jcas, includeText, false));
        synchronized (out) {
            out.write(line);
            out.write('\n');
            out.flush();
        }
    }

    @Override
    public void destroy() {
        if (out != null) {
            Path file = OutputFiles.resolve(root, fileName, "");
            try {
                FILES.release(file, Writer::close);
            } catch (IOException e) {
                getLogger().warn("cannot close " + file + ": " + e.getMessage());
            }
            out = null;
        }
        super.destroy();
    }
}
