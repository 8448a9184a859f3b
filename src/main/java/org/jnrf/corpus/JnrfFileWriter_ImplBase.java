package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.uima.UimaContext;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.cas.DocumentErrors;

/**
 * What the corpus writers share (in the manner of DKPro Core's {@code JCasFileWriter_ImplBase}): the target folder
 * parameter, skipping a CAS that has no text but errors (it is left to the error report), and turning a failure to
 * write into a {@code DocumentError} and a warning, so the batch goes on. A subclass writes one document in
 * {@link #write}, placing its files with {@link #outputFile}.
 */
public abstract class JnrfFileWriter_ImplBase extends JCasAnnotator_ImplBase {
    /** Folder receiving the files; sub-folders of the input are mirrored. */
    public static final String PARAM_TARGET_LOCATION = CorpusParameters.PARAM_TARGET_LOCATION;
    @ConfigurationParameter(name = PARAM_TARGET_LOCATION, description = "Output folder")
    private String targetLocation;

    private final String component;
    private final String extension;
    private Path target;

    /**
     * @param component the component named in the {@code DocumentError}s of failed writes
     * @param extension the extension of the document's main output file, which a failure report names
     */
    protected JnrfFileWriter_ImplBase(String component, String extension) {
        this.component = component;
        this.extension = extension;
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        target = Path.of(targetLocation);
    }

    /** The target folder, as given. */
    protected Path target() {
        return target;
    }

    /** Writes the document, which has text or no errors; a failure is reported by {@link #process}. */
    protected abstract void write(JCas jcas) throws IOException;

    /** Where the document's file with {@code extension} goes under the target folder (see {@link OutputFiles}). */
    protected Path outputFile(JCas jcas, String extension) throws IOException {
        return OutputFiles.forDocument(jcas, target, extension);
    }

    @Override
    public void process(JCas jcas) {
        if (!hasText(jcas) && DocumentErrors.hasAny(jcas)) {
            return;
        }
        try {
            write(jcas);
        } catch (IOException | RuntimeException e) {
            reportFailure(jcas, extension, e);
        }
    }

    /** Records that the document's {@code extension} output was not written because of {@code e}. */
    protected void reportFailure(JCas jcas, String extension, Exception e) {
        OutputFailures.report(jcas, component, extension, e, getLogger());
    }

    private static boolean hasText(JCas jcas) {
        String text = jcas.getDocumentText();
        return text != null && !text.isEmpty();
    }
}
