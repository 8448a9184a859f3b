package org.jnrf.corpus;

import java.nio.file.FileSystemException;
import org.apache.uima.jcas.JCas;
import org.apache.uima.util.Logger;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;

/**
 * What a writer does when a document's output cannot be written: one {@code DocumentError} (so the error report
 * lists it once) and one warning, then the batch goes on. Throwing instead would make the UIMA CPE retry the same
 * document, failing again each time. Messages name the output and the kind of failure, never exception messages
 * that can quote note text (an XML serialiser's does).
 */
final class OutputFailures {
    private OutputFailures() {
    }

    /** Records that {@code component} could not write the document's {@code extension} output because of {@code e}. */
    static void report(JCas jcas, String component, String extension, Exception e, Logger logger) {
        String message = outputName(jcas, extension) + ": not written (" + reason(e) + ")";
        DocumentErrors.add(jcas, component, message);
        logger.warn("document " + SourceDocuments.describe(jcas) + ": " + message);
    }

    private static String outputName(JCas jcas, String extension) {
        try {
            return SourceDocuments.outputPath(jcas) + extension;
        } catch (IllegalStateException e) {
            return "(unnamed document)" + extension;
        }
    }

    /** The kind of failure: the file system's reason, or our own refusal, or the exception types. */
    static String reason(Throwable e) {
        if (e instanceof OutputFiles.OutputRefusedException) {
            return e.getMessage();
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName();
    }
}
