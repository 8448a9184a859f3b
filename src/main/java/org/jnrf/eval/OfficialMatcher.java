package org.jnrf.eval;

import java.util.List;

/**
 * Counts one document's matches the way the official n2c2 script does. Predictions are visited in order; a prediction
 * that matches a gold mention already claimed by an earlier prediction is discarded: it is neither a true nor a false
 * positive (so redundant predictions cost nothing). Every other prediction that matches some gold mention is one true
 * positive, however many gold mentions it matches; false negatives are the gold mentions minus the true positives.
 */
final class OfficialMatcher {
    @FunctionalInterface
    interface Matcher<T> {
        boolean matches(T gold, T predicted);
    }

    private OfficialMatcher() {
    }

    static <T> Counts count(List<T> gold, List<T> predicted, Matcher<T> matcher) {
        boolean[] goldClaimed = new boolean[gold.size()];
        int truePositives = 0;
        int keptPredictions = 0;
        for (T prediction : predicted) {
            boolean matchesAny = false;
            boolean discarded = false;
            for (int g = 0; g < gold.size(); g++) {
                if (matcher.matches(gold.get(g), prediction)) {
                    matchesAny = true;
                    if (goldClaimed[g]) {
                        discarded = true;
                    } else {
                        goldClaimed[g] = true;
                    }
                }
            }
            if (!discarded) {
                keptPredictions++;
                if (matchesAny) {
                    truePositives++;
                }
            }
        }
        return new Counts(truePositives, keptPredictions - truePositives, gold.size() - truePositives);
    }
}
