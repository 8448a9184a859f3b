package org.jnrf.corpus;

import org.apache.uima.jcas.JCas;
import org.apache.uima.util.Logger;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;

/**
 * What a writer does when a document's output cannot be written: one {@code DocumentError} (so the error report
 * lists it once) and one warning, then the batch goes on. Throwing instead would take the document away from the
 * writers after this one (a CPE drops a CAS whose component failed). Messages name the output and the kind of
 * failure ({@link FailureReasons}), never exception messages that can quote note text.
 */
final class OutputFailures {
    private OutputFailures() {
    }

    /** Records that {@code component} could not write the document's {@code extension} output because of {@code e}. */
    static void report(JCas jcas, String component, String extension, Exception e, Logger logger) {
        String message = outputName(jcas, extension) + ": not written (" + FailureReasons.of(e) + ")";
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

}
