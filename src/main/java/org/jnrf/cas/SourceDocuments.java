package org.jnrf.cas;

import java.util.List;
import java.util.Optional;
import org.apache.uima.jcas.JCas;
import org.jnrf.type.SourceDocument;

/**
 * The one {@link SourceDocument} of a CAS: where the document came from. Readers set it; writers use
 * {@code relativePath} (or {@code documentId}) to name their outputs and error reports use {@code documentId}.
 */
public final class SourceDocuments {
    private SourceDocuments() {
    }

    /**
     * Sets the CAS's source document, replacing (un-indexing) any earlier one so there is exactly one.
     *
     * @param documentId   document name without extension, unique in the collection
     * @param uri          URI of the source file, or null
     * @param relativePath path relative to the collection root without extension ('/'-separated), or null
     */
    public static SourceDocument set(JCas jcas, String documentId, String uri, String relativePath) {
        for (SourceDocument old : jcas.select(SourceDocument.class).asList()) {
            old.removeFromIndexes();
        }
        SourceDocument source = new SourceDocument(jcas);
        source.setDocumentId(documentId);
        source.setUri(uri);
        source.setRelativePath(relativePath);
        source.addToIndexes();
        return source;
    }

    /**
     * The CAS's source document, if it has one.
     *
     * @throws IllegalStateException when it has more than one (only {@link #set} should add them)
     */
    public static Optional<SourceDocument> get(JCas jcas) {
        List<SourceDocument> all = jcas.select(SourceDocument.class).asList();
        if (all.size() > 1) {
            throw new IllegalStateException("the CAS has " + all.size() + " SourceDocument annotations, expected one");
        }
        return all.stream().findFirst();
    }

    /**
     * The path (without extension, '/'-separated) writers give the document's outputs: its {@code relativePath},
     * else its {@code documentId}.
     *
     * @throws IllegalStateException when the CAS has no source document with either, since outputs could not be
     *                               told apart
     */
    public static String outputPath(JCas jcas) {
        SourceDocument source = get(jcas).orElseThrow(() -> new IllegalStateException(
                "the CAS has no SourceDocument, so its output cannot be named; read it with a jnrf reader or call "
                        + "SourceDocuments.set"));
        if (source.getRelativePath() != null && !source.getRelativePath().isEmpty()) {
            return source.getRelativePath();
        }
        if (source.getDocumentId() != null && !source.getDocumentId().isEmpty()) {
            return source.getDocumentId();
        }
        throw new IllegalStateException("the CAS's SourceDocument has neither relativePath nor documentId");
    }

    /** The document id for messages and reports: documentId, else relativePath, else "(unknown document)". */
    public static String describe(JCas jcas) {
        Optional<SourceDocument> source = get(jcas);
        if (source.isPresent()) {
            if (source.get().getDocumentId() != null && !source.get().getDocumentId().isEmpty()) {
                return source.get().getDocumentId();
            }
            if (source.get().getRelativePath() != null && !source.get().getRelativePath().isEmpty()) {
                return source.get().getRelativePath();
            }
        }
        return "(unknown document)";
    }
}
