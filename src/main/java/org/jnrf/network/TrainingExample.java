package org.jnrf.network;

import java.util.List;

/**
 * One document as training input: token ids, the gold BIO tag of each token, the gold entities (token ranges and
 * type; used for pooling: teacher forcing), the gold relations between them, and which tokens continue a word
 * (WordPiece "##" pieces; null = unknown), so that decoded spans can be snapped to whole words, and the line each
 * token starts on (null = unknown; a relation pair feature).
 */
public record TrainingExample(String documentId, int[] tokenIds, int[] bioTags, List<EntitySpan> entities,
                              List<RelationPair> relations, boolean[] wordContinuation, int[] lineIndex) {
    public TrainingExample(String documentId, int[] tokenIds, int[] bioTags, List<EntitySpan> entities,
                           List<RelationPair> relations) {
        this(documentId, tokenIds, bioTags, entities, relations, null, null);
    }

    public TrainingExample(String documentId, int[] tokenIds, int[] bioTags, List<EntitySpan> entities,
                           List<RelationPair> relations, boolean[] wordContinuation) {
        this(documentId, tokenIds, bioTags, entities, relations, wordContinuation, null);
    }

    public TrainingExample {
        if (wordContinuation != null && wordContinuation.length != tokenIds.length) {
            throw new IllegalArgumentException("document " + documentId + ": continuation flags do not match tokens");
        }
        if (lineIndex != null && lineIndex.length != tokenIds.length) {
            throw new IllegalArgumentException("document " + documentId + ": line numbers do not match tokens");
        }
        if (tokenIds.length == 0) {
            throw new IllegalArgumentException("document " + documentId + " has no tokens");
        }
        if (bioTags.length != tokenIds.length) {
            throw new IllegalArgumentException("document " + documentId + ": " + bioTags.length + " tags for "
                    + tokenIds.length + " tokens");
        }
        entities = List.copyOf(entities);
        relations = List.copyOf(relations);
        for (EntitySpan e : entities) {
            if (e.lastTokenExclusive() > tokenIds.length) {
                throw new IllegalArgumentException("document " + documentId + ": entity beyond the last token");
            }
        }
        for (RelationPair r : relations) {
            if (r.modifier() < 0 || r.modifier() >= entities.size() || r.anchor() < 0
                    || r.anchor() >= entities.size()) {
                throw new IllegalArgumentException("document " + documentId + ": relation refers to a missing entity");
            }
        }
    }
}
