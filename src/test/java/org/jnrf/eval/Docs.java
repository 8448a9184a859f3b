package org.jnrf.eval;

import java.util.ArrayList;
import java.util.List;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;

/** Small builder of annotated documents for scorer tests. */
final class Docs {
    private final String id;
    private final List<EntityMention> entities = new ArrayList<>();
    private final List<RelationMention> relations = new ArrayList<>();

    private Docs(String id) {
        this.id = id;
    }

    static Docs doc(String id) {
        return new Docs(id);
    }

    Docs entity(String entityId, String type, int begin, int end) {
        entities.add(new EntityMention(entityId, type, new TextSpan(begin, end)));
        return this;
    }

    /** A discontinuous entity: offsets given as begin, end, begin, end, ... */
    Docs fragmented(String entityId, String type, int... offsets) {
        List<TextSpan> fragments = new ArrayList<>();
        for (int i = 0; i < offsets.length; i += 2) {
            fragments.add(new TextSpan(offsets[i], offsets[i + 1]));
        }
        entities.add(new EntityMention(entityId, type, fragments, 1.0));
        return this;
    }

    Docs relation(String relationId, String type, String modifierId, String anchorId) {
        relations.add(new RelationMention(relationId, type, modifierId, anchorId));
        return this;
    }

    AnnotatedDocument build() {
        return new AnnotatedDocument(id, "", entities, relations);
    }
}
