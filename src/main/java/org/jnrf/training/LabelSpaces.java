package org.jnrf.training;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.network.LabelSpace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Derives the label space from training documents: nothing is tied to one corpus's schema. */
public final class LabelSpaces {
    private LabelSpaces() {
    }

    /**
     * Entity types and relation types in alphabetical order; the anchor type is {@code anchorType} or, when null,
     * the most frequent Arg2 type of the relations; a relation type's modifier types are the Arg1 types seen with it.
     */
    public static LabelSpace fromDocuments(List<AnnotatedDocument> documents, String anchorType) {
        TreeSet<String> entityTypes = new TreeSet<>();
        Map<String, Integer> arg2Counts = new TreeMap<>();
        Map<String, TreeSet<String>> modifierTypes = new TreeMap<>();
        for (AnnotatedDocument d : documents) {
            Map<String, EntityMention> byId = d.entitiesById();
            d.entities().forEach(e -> entityTypes.add(e.type()));
            for (RelationMention r : d.relations()) {
                EntityMention mod = byId.get(r.modifierId());
                EntityMention anc = byId.get(r.anchorId());
                if (mod == null || anc == null) {
                    throw new IllegalArgumentException("document " + d.documentId() + ": relation " + r.id()
                            + " refers to a missing entity");
                }
                arg2Counts.merge(anc.type(), 1, Integer::sum);
                modifierTypes.computeIfAbsent(r.type(), k -> new TreeSet<>()).add(mod.type());
            }
        }
        String anchor = anchorType;
        if (anchor == null) {
            anchor = arg2Counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "the training documents hold no relation: give the anchor type explicitly"));
        }
        if (!entityTypes.contains(anchor)) {
            throw new IllegalArgumentException("anchor type " + anchor + " does not occur in the training documents");
        }
        List<String> types = new ArrayList<>(entityTypes);
        List<String> relations = new ArrayList<>(modifierTypes.keySet());
        boolean[][] allowed = new boolean[relations.size()][types.size()];
        Map<String, Integer> typeIndex = new HashMap<>();
        for (int i = 0; i < types.size(); i++) {
            typeIndex.put(types.get(i), i);
        }
        for (int r = 0; r < relations.size(); r++) {
            for (String t : modifierTypes.get(relations.get(r))) {
                if (!t.equals(anchor)) {
                    allowed[r][typeIndex.get(t)] = true;
                }
            }
        }
        return new LabelSpace(types, anchor, relations, allowed);
    }
}
