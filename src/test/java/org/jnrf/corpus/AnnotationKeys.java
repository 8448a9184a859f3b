package org.jnrf.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;

/** Id-free descriptions of annotations, so documents can be compared by content. */
final class AnnotationKeys {
    private AnnotationKeys() {
    }

    static String entity(EntityMention e) {
        return e.type() + " " + e.fragments().stream().sorted().map(f -> f.begin() + "-" + f.end())
                .collect(Collectors.joining(";"));
    }

    /** Sorted entity keys (a multiset: duplicates kept). */
    static List<String> entities(AnnotatedDocument document) {
        return document.entities().stream().map(AnnotationKeys::entity).sorted().toList();
    }

    /** Sorted relation keys: type, modifier entity key, anchor entity key. */
    static List<String> relations(AnnotatedDocument document) {
        Map<String, EntityMention> byId = document.entitiesById();
        List<String> keys = new ArrayList<>();
        for (RelationMention r : document.relations()) {
            keys.add(r.type() + " (" + entity(byId.get(r.modifierId())) + ") -> (" + entity(byId.get(r.anchorId()))
                    + ")");
        }
        keys.sort(null);
        return keys;
    }

    static TextSpan span(int begin, int end) {
        return new TextSpan(begin, end);
    }
}
