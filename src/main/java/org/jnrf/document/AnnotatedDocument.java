package org.jnrf.document;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A document's text with its entity and relation mentions: the exchange format between corpus readers, the network,
 * the scorer and the UIMA components. Immutable.
 */
public record AnnotatedDocument(String documentId, String text, List<EntityMention> entities,
                                List<RelationMention> relations) {
    public AnnotatedDocument {
        entities = List.copyOf(entities);
        relations = List.copyOf(relations);
    }

    public static AnnotatedDocument unannotated(String documentId, String text) {
        return new AnnotatedDocument(documentId, text, List.of(), List.of());
    }

    /** Entities by id; throws if two entities share an id. */
    public Map<String, EntityMention> entitiesById() {
        Map<String, EntityMention> byId = new HashMap<>();
        for (EntityMention e : entities) {
            if (byId.put(e.id(), e) != null) {
                throw new IllegalStateException("document " + documentId + ": duplicate entity id " + e.id());
            }
        }
        return byId;
    }
}
