package org.jnrf.cas;

import java.util.Comparator;
import java.util.List;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.TOP;
import org.jnrf.type.DocumentError;

/**
 * The {@link DocumentError}s of a CAS: problems found while reading or analysing the document. A document with errors
 * stays in the collection so every input is accounted for; {@code ErrorReportWriter} lists them. Messages name file,
 * line and problem and never contain note text.
 */
public final class DocumentErrors {
    private DocumentErrors() {
    }

    /** Adds an error found by {@code component} (a short name, e.g. "BratReader") and returns it. */
    public static DocumentError add(JCas jcas, String component, String message) {
        DocumentError error = new DocumentError(jcas);
        error.setComponent(component);
        error.setMessage(message);
        error.addToIndexes();
        return error;
    }

    /** The CAS's errors in the order they were added. */
    public static List<DocumentError> list(JCas jcas) {
        // the index of a non-annotation type is a bag with no defined order: creation order is what callers expect
        return jcas.select(DocumentError.class).asList().stream().sorted(Comparator.comparingInt(TOP::_id)).toList();
    }

    public static boolean hasAny(JCas jcas) {
        return !jcas.select(DocumentError.class).isEmpty();
    }
}
