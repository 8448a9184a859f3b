package org.jnrf.cas;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.TOP;
import org.jnrf.document.AnnotationIds;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityFragment;
import org.jnrf.type.EntityRelation;

/**
 * Checks that a CAS's entities and relations can be used: spans inside the document text, a category and a source
 * id without spaces (a BRAT line holds each as one field), relation arguments that are indexed entities. A CAS read from a file
 * (an XMI written elsewhere or edited by hand) can break any of these, and writers and the trainer would then fail
 * on it. Problems name the annotation by its source id (when it has the usual form) or its position and give
 * offsets, never text.
 */
public final class AnnotationIntegrity {
    private AnnotationIntegrity() {
    }

    /** The CAS's problems, empty when its annotations are sound. */
    public static List<String> problems(JCas jcas) {
        int length = jcas.getDocumentText() == null ? 0 : jcas.getDocumentText().length();
        List<String> problems = new ArrayList<>();
        Map<Entity, Boolean> entities = new IdentityHashMap<>();
        int position = 0;
        for (Entity entity : jcas.select(Entity.class)) {
            entities.put(entity, Boolean.TRUE);
            String named = "entity " + name(entity.getSourceId(), ++position);
            checkSpan(named, entity.getBegin(), entity.getEnd(), length, problems);
            if (entity.getFragments() != null) {
                for (EntityFragment fragment : entity.getFragments()) {
                    if (fragment == null) {
                        problems.add(named + " has an empty fragment slot");
                    } else {
                        checkSpan(named + " (a fragment)", fragment.getBegin(), fragment.getEnd(), length, problems);
                    }
                }
            }
            checkLabels(named, entity.getCategory(), entity.getSourceId(), problems);
        }
        position = 0;
        for (EntityRelation relation : jcas.select(EntityRelation.class)) {
            String named = "relation " + name(relation.getSourceId(), ++position);
            if (relation.getArg1() == null || !entities.containsKey(relation.getArg1())) {
                problems.add(named + ": its arg1 is missing or not an indexed entity");
            }
            if (relation.getArg2() == null || !entities.containsKey(relation.getArg2())) {
                problems.add(named + ": its arg2 is missing or not an indexed entity");
            }
            checkLabels(named, relation.getCategory(), relation.getSourceId(), problems);
        }
        return problems;
    }

    /** Removes every entity, fragment and relation from the indexes: what is left is the text alone. */
    public static void dropAnnotations(JCas jcas) {
        jcas.select(EntityRelation.class).asList().forEach(TOP::removeFromIndexes);
        jcas.select(EntityFragment.class).asList().forEach(TOP::removeFromIndexes);
        jcas.select(Entity.class).asList().forEach(TOP::removeFromIndexes);
    }

    private static String name(String sourceId, int position) {
        return sourceId != null && AnnotationIds.forMessage(sourceId).equals(sourceId) ? sourceId
                : "number " + position;
    }

    private static void checkSpan(String named, int begin, int end, int length, List<String> problems) {
        if (begin < 0 || end < begin) {
            problems.add(named + " has an invalid span " + begin + "-" + end);
        } else if (end > length) {
            problems.add(named + " ends at " + end + ", after the text (" + length + " characters)");
        }
    }

    private static void checkLabels(String named, String category, String sourceId, List<String> problems) {
        if (category == null || category.isEmpty() || category.chars().anyMatch(Character::isWhitespace)) {
            problems.add(named + " has no category or one with spaces");
        }
        if (sourceId != null && sourceId.chars().anyMatch(Character::isWhitespace)) {
            problems.add(named + " has a source id with spaces");
        }
    }
}
