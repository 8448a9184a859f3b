package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.document.AnnotatedDocument;

/**
 * Writes each CAS's entities and relations as {@code <target>/<relativePath>.ann} in n2c2 2018 BRAT form (see
 * {@link BratAnnFormatter}), optionally with a copy of the text as {@code .txt} so the folder opens in BRAT and feeds
 * the n2c2 scorer. A CAS with {@code DocumentError}s is still written when it has text (its annotations are what
 * could be read or found); one without text and with errors is left to the error report. A document whose file
 * cannot be written (a name too long for the file system, a full disk) gets a {@code DocumentError}; the batch goes
 * on.
 *
 * <p>At the end of the collection it writes brat's {@code annotation.conf} and {@code visual.conf} into the target
 * folder, declaring the entity and relation types of every document written (see {@link BratConfiguration}). In a
 * multi-threaded CPE each thread has its own writer: the writers of one folder share one configuration, so each
 * writes the same complete files.
 */
@ResourceMetaData(name = "JNRF BRAT writer (n2c2 2018)")
@TypeCapability(inputs = {"org.jnrf.type.Entity", "org.jnrf.type.EntityFragment", "org.jnrf.type.EntityRelation",
        "org.jnrf.type.SourceDocument", "org.jnrf.type.DocumentError"})
public class BratWriter extends JnrfFileWriter_ImplBase {
    /** Whether to write the document text beside each {@code .ann} as {@code .txt}. */
    public static final String PARAM_WRITE_TEXT = "writeText";
    @ConfigurationParameter(name = PARAM_WRITE_TEXT, defaultValue = "false",
            description = "Also write the document text as NAME.txt")
    private boolean writeText;

    static final String COMPONENT = "BratWriter";

    private static final FolderShared<BratConfiguration> CONFIGURATIONS = new FolderShared<>();

    private BratConfiguration configuration;

    public BratWriter() {
        super(COMPONENT, BratCorpus.ANN_EXTENSION);
    }

    /** A writer of {@code .ann} files into {@code targetFolder}. */
    public static AnalysisEngineDescription description(Path targetFolder) throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(BratWriter.class,
                PARAM_TARGET_LOCATION, targetFolder.toString());
    }

    /** A writer of {@code .ann} files, and of {@code .txt} copies when {@code writeText}, into {@code targetFolder}. */
    public static AnalysisEngineDescription description(Path targetFolder, boolean writeText)
            throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(BratWriter.class,
                PARAM_TARGET_LOCATION, targetFolder.toString(), PARAM_WRITE_TEXT, writeText);
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        try {
            configuration = CONFIGURATIONS.acquire(target(), folder -> new BratConfiguration());
        } catch (IOException e) {
            throw new ResourceInitializationException(e);
        }
    }

    @Override
    protected void write(JCas jcas) throws IOException {
        Path annFile = outputFile(jcas, BratCorpus.ANN_EXTENSION);
        AnnotatedDocument document = CasAnnotations.read(jcas);
        OutputFiles.writeAtomically(annFile, BratAnnFormatter.format(document));
        configuration.add(document);
        if (writeText) {
            String text = jcas.getDocumentText();
            try {
                OutputFiles.writeAtomically(CorpusFiles.sibling(annFile, BratCorpus.TEXT_EXTENSION),
                        text == null ? "" : text);
            } catch (IOException | RuntimeException e) {
                reportFailure(jcas, BratCorpus.TEXT_EXTENSION, e);
            }
        }
    }

    /** Writes the folder's brat configuration: every instance writes the same, complete one (see the class comment). */
    @Override
    public void collectionProcessComplete() throws AnalysisEngineProcessException {
        try {
            Files.createDirectories(target());
            configuration.writeTo(target());
        } catch (IOException e) {
            throw new AnalysisEngineProcessException(e);
        }
    }

    @Override
    public void destroy() {
        if (configuration != null) {
            CONFIGURATIONS.release(target());
            configuration = null;
        }
        super.destroy();
    }
}
