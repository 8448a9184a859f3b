package org.jnrf.model;

import java.util.ArrayList;
import java.util.List;

import org.jnrf.network.BioDecoder;
import org.jnrf.network.EntitySpan;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.PairProbabilities;
import org.jnrf.network.RelationScore;
import org.jnrf.network.Scratch;

/**
 * One document through every network of a model, averaged: tag probabilities, then entities decoded once from the
 * average (or given ones), then each (modifier, anchor) pair's relation class probabilities. With one network this
 * is exactly {@link JnrfNetwork#predict}.
 */
final class EnsembleAverage {
    /** Entities and the relation decision of each of their (modifier, anchor) pairs. */
    record Decoded(List<EntitySpan> entities, List<RelationScore> relations) {
    }

    private EnsembleAverage() {
    }

    /**
     * @param scratches one per network, owned by the calling thread
     * @param continuation per token: continues the previous token's word (null: unknown)
     * @param lines        per token: its line, a relation feature (null: unknown)
     * @param given        entities to score relations between instead of the decoded ones (null: decode)
     */
    static Decoded predict(List<JnrfNetwork> networks, List<Scratch> scratches, int[] ids, boolean[] continuation,
                           int[] lines, List<EntitySpan> given) {
        int n = networks.size();
        List<JnrfNetwork.EncodedDocument> encoded = new ArrayList<>(n);
        double[][] tags = null;
        for (int m = 0; m < n; m++) {
            JnrfNetwork.EncodedDocument doc = networks.get(m).encode(ids, lines, scratches.get(m));
            encoded.add(doc);
            if (m == 0) {
                tags = doc.tagProbabilities(); // a fresh array: summing into it changes no network state
            } else {
                for (int i = 0; i < tags.length; i++) {
                    addInto(tags[i], doc.tagProbabilities()[i]);
                }
            }
        }
        for (double[] row : tags) {
            divide(row, n);
        }
        List<EntitySpan> entities = given != null ? List.copyOf(given)
                : BioDecoder.decodeConstrained(tags, continuation);
        List<PairProbabilities> pairs = networks.get(0).relationProbabilities(encoded.get(0), entities);
        for (int m = 1; m < n; m++) {
            List<PairProbabilities> own = networks.get(m).relationProbabilities(encoded.get(m), entities);
            for (int k = 0; k < own.size(); k++) {
                addInto(pairs.get(k).classProbabilities(), own.get(k).classProbabilities());
            }
        }
        for (PairProbabilities pair : pairs) {
            divide(pair.classProbabilities(), n);
        }
        return new Decoded(entities, RelationScore.decisions(pairs));
    }

    private static void addInto(double[] sum, double[] add) {
        for (int k = 0; k < sum.length; k++) {
            sum[k] += add[k];
        }
    }

    private static void divide(double[] values, int count) {
        if (count == 1) {
            return; // one network: its own probabilities, untouched
        }
        for (int k = 0; k < values.length; k++) {
            values[k] /= count;
        }
    }
}
