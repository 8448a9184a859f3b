package org.jnrf.eval;

import java.util.Map;

/** One document's counts per entity type and per relation type, each map keyed by type. */
record DocumentScore(String documentId, Map<String, TypeScores> entities, Map<String, TypeScores> relations) {

    static Counts total(Map<String, TypeScores> byType, MatchMode mode) {
        Counts sum = Counts.ZERO;
        for (TypeScores t : byType.values()) {
            sum = sum.plus(t.counts(mode));
        }
        return sum;
    }
}
