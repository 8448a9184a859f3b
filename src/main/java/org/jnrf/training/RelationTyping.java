package org.jnrf.training;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.network.LabelSpace;

import java.util.List;
import java.util.Map;

/**
 * Relation typing from the schema the training data shows: where the relations of a modifier type have one relation
 * type at least {@code share} of the time (TAC: Severity -> Effect, Negation -> Negated), that type is the only one
 * the modifier type allows, so the relation head decides only "related or not" for it; where they do not, the head
 * keeps choosing among the types seen. The result is the label space's allowed (relation, modifier type) table, which
 * the model file stores ({@code relationModifierTypes}); the relations of the other types of such a modifier are left
 * out of training (counted with the relations outside the scheme).
 */
public final class RelationTyping {
    private RelationTyping() {
    }

    /**
     * @param share the least share of a modifier type's relations its dominant type must have; 0: the label space
     *              unchanged
     */
    public static LabelSpace fromData(LabelSpace labels, List<AnnotatedDocument> documents, double share) {
        if (share <= 0) {
            return labels;
        }
        int types = labels.entityTypeCount();
        long[][] counts = new long[types][labels.relationTypes().size()];
        for (AnnotatedDocument d : documents) {
            Map<String, EntityMention> byId = d.entitiesById();
            for (RelationMention r : d.relations()) {
                EntityMention modifier = byId.get(r.modifierId());
                int type = modifier == null ? -1 : labels.entityTypes().indexOf(modifier.type());
                int relation = labels.relationTypes().indexOf(r.type());
                if (type >= 0 && relation >= 0 && labels.allowed(relation, type)) {
                    counts[type][relation]++;
                }
            }
        }
        boolean[][] allowed = new boolean[labels.relationTypes().size()][types];
        for (int r = 0; r < allowed.length; r++) {
            for (int t = 0; t < types; t++) {
                allowed[r][t] = labels.allowed(r, t);
            }
        }
        for (int t = 0; t < types; t++) {
            long total = 0;
            int dominant = 0;
            for (int r = 0; r < counts[t].length; r++) {
                total += counts[t][r];
                dominant = counts[t][r] > counts[t][dominant] ? r : dominant;
            }
            if (total > 0 && counts[t][dominant] >= share * total) {
                for (int r = 0; r < allowed.length; r++) {
                    allowed[r][t] = r == dominant;
                }
            }
        }
        return new LabelSpace(labels.entityTypes(), labels.anchorType(), labels.relationTypes(), allowed);
    }
}
