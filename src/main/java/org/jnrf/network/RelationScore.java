package org.jnrf.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The network's decision for one (modifier, anchor) pair: the most probable relation type (excluding "no relation")
 * with its probability, and the probability of "no relation". Indices refer to the prediction's entity list.
 */
public record RelationScore(int modifier, int anchor, int relationType, double probability,
                            double noRelationProbability) {

    /** The most probable relation type of the pair (the first on ties); a threshold on it decides later. */
    public static RelationScore of(PairProbabilities pair) {
        double[] row = pair.classProbabilities();
        int best = 1;
        for (int k = 2; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return new RelationScore(pair.modifier(), pair.anchor(), best - 1, row[best], row[0]);
    }

    public static List<RelationScore> decisions(List<PairProbabilities> pairs) {
        List<RelationScore> out = new ArrayList<>(pairs.size());
        pairs.forEach(p -> out.add(of(p)));
        return out;
    }
}
