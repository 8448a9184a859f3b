package org.jnrf.cas;

import java.util.List;
import java.util.Optional;
import org.apache.uima.jcas.JCas;
import org.jnrf.type.SourceDocument;

/**
 * The one {@link SourceDocument} of a CAS: where the document came from. Readers set it; writers use
 * {@code relativePath} (or {@code documentId}) to name their outputs and error reports use {@code documentId}. A CAS
 * read by another framework's reader is named by that reader's metadata instead ({@link #name}).
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
     * How the CAS's document is named: by its {@link SourceDocument} when it has one with a documentId or a
     * relativePath, else by what another framework's reader left: DKPro Core's {@code DocumentMetaData}, cTAKES'
     * {@code DocumentID} / {@code DocumentPath}, UIMA's {@code SourceDocumentInformation}, in that order (read by type
     * name, see {@link ForeignDocumentNames}).
     */
    public static Optional<DocumentName> name(JCas jcas) {
        Optional<DocumentName> own = get(jcas).map(s -> new DocumentName(s.getDocumentId(), s.getRelativePath()))
                .filter(DocumentName::isKnown);
        return own.isPresent() ? own : ForeignDocumentNames.of(jcas.getCas());
    }

    /**
     * The path (without extension, '/'-separated) writers give the document's outputs: the {@link #name}'s
     * relativePath, else its documentId.
     *
     * @throws IllegalStateException when the document has no name, since outputs could not be told apart
     */
    public static String outputPath(JCas jcas) {
        return name(jcas).map(DocumentName::outputPath).orElseThrow(() -> new IllegalStateException(
                "the CAS names no document (no SourceDocument, DKPro DocumentMetaData, cTAKES DocumentID or "
                        + "DocumentPath, or SourceDocumentInformation), so its output cannot be named; read it with a "
                        + "jnrf reader or call SourceDocuments.set"));
    }

    /**
     * The document's name for messages and reports: the {@link #name}'s documentId, else its relativePath, else
     * "(unknown document)".
     */
    public static String describe(JCas jcas) {
        return name(jcas).map(DocumentName::describe).orElse("(unknown document)");
    }
}
