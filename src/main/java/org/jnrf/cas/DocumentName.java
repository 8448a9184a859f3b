package org.jnrf.cas;

/**
 * How a document is named: the id that messages and reports show, and the path its outputs get.
 *
 * @param documentId   the document's id, or null
 * @param relativePath path relative to the collection root without extension ('/'-separated), or null
 */
public record DocumentName(String documentId, String relativePath) {
    public DocumentName {
        documentId = blankToNull(documentId);
        relativePath = blankToNull(relativePath);
    }

    /** Whether it names the document at all. */
    public boolean isKnown() {
        return documentId != null || relativePath != null;
    }

    /** The path outputs get: {@code relativePath}, else {@code documentId}; null when neither is known. */
    public String outputPath() {
        return relativePath != null ? relativePath : documentId;
    }

    /** The name for messages: {@code documentId}, else {@code relativePath}; null when neither is known. */
    public String describe() {
        return documentId != null ? documentId : relativePath;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
