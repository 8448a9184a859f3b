package org.jnrf.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;

/**
 * Scores one gold document against its prediction. Mentions are grouped by type first: the official script only
 * ever matches mentions of the same type, so its all-types counts are exactly the sums of these per-type counts.
 */
final class DocumentScorer {
    private DocumentScorer() {
    }

    static DocumentScore score(AnnotatedDocument gold, AnnotatedDocument predicted) {
        Map<String, List<Extent>> goldEntities = entitiesByType(gold);
        Map<String, List<Extent>> predictedEntities = entitiesByType(predicted);
        Map<String, List<RelationExtent>> goldRelations = relationsByType(gold);
        Map<String, List<RelationExtent>> predictedRelations = relationsByType(predicted);

        Map<String, TypeScores> entities = new TreeMap<>();
        for (String type : union(goldEntities, predictedEntities)) {
            List<Extent> g = goldEntities.getOrDefault(type, List.of());
            List<Extent> p = predictedEntities.getOrDefault(type, List.of());
            entities.put(type, new TypeScores(type, g.size(), p.size(),
                    OfficialMatcher.count(g, p, (a, b) -> a.matches(b, MatchMode.STRICT)),
                    OfficialMatcher.count(g, p, (a, b) -> a.matches(b, MatchMode.LENIENT))));
        }
        Map<String, TypeScores> relations = new TreeMap<>();
        for (String type : union(goldRelations, predictedRelations)) {
            List<RelationExtent> g = goldRelations.getOrDefault(type, List.of());
            List<RelationExtent> p = predictedRelations.getOrDefault(type, List.of());
            relations.put(type, new TypeScores(type, g.size(), p.size(),
                    OfficialMatcher.count(g, p, (a, b) -> a.matches(b, MatchMode.STRICT)),
                    OfficialMatcher.count(g, p, (a, b) -> a.matches(b, MatchMode.LENIENT))));
        }
        return new DocumentScore(gold.documentId(), entities, relations);
    }

    private static Map<String, List<Extent>> entitiesByType(AnnotatedDocument document) {
        Map<String, List<Extent>> byType = new LinkedHashMap<>();
        for (EntityMention e : document.entities()) {
            byType.computeIfAbsent(e.type(), t -> new ArrayList<>()).add(Extent.of(e));
        }
        return byType;
    }

    private static Map<String, List<RelationExtent>> relationsByType(AnnotatedDocument document) {
        Map<String, List<RelationExtent>> byType = new LinkedHashMap<>();
        if (document.relations().isEmpty()) {
            return byType;
        }
        Map<String, EntityMention> entities = new HashMap<>();
        for (EntityMention e : document.entities()) {
            if (entities.put(e.id(), e) != null) {
                throw new IllegalArgumentException("document " + document.documentId() + ": two entities have id "
                        + e.id() + ", so relations to it are ambiguous");
            }
        }
        for (RelationMention r : document.relations()) {
            Extent modifier = argument(document, entities, r, r.modifierId());
            Extent anchor = argument(document, entities, r, r.anchorId());
            byType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(new RelationExtent(r.type(), modifier, anchor));
        }
        return byType;
    }

    private static Extent argument(AnnotatedDocument document, Map<String, EntityMention> entities,
                                   RelationMention relation, String entityId) {
        EntityMention entity = entities.get(entityId);
        if (entity == null) {
            throw new IllegalArgumentException("document " + document.documentId() + ": relation " + relation.id()
                    + " refers to unknown entity " + entityId);
        }
        return Extent.of(entity);
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        List<String> types = new ArrayList<>(a.keySet());
        for (String t : b.keySet()) {
            if (!a.containsKey(t)) {
                types.add(t);
            }
        }
        return types;
    }
}
