package org.jnrf.model;

import java.util.ArrayList;
import java.util.List;

import org.jnrf.network.BioDecoder;
import org.jnrf.network.EntitySpan;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.PairProbabilities;
import org.jnrf.network.PairScorer;
import org.jnrf.network.PairWindow;
import org.jnrf.network.RelationScore;
import org.jnrf.network.compute.Scratch;
import org.jnrf.text.EncodedText;

/**
 * One document through every network of a model, averaged: tag probabilities, then entities decoded once from the
 * average (or given ones), then each (modifier, anchor) pair's relation class probabilities. With one network this
 * is exactly {@link JnrfNetwork#predict} (less the relations under the minimum probability).
 */
final class EnsembleAverage {
    /** Entities and the relation decision of each of their (modifier, anchor) pairs. */
    record Decoded(List<EntitySpan> entities, List<RelationScore> relations) {
    }

    private EnsembleAverage() {
    }

    /**
     * @param scratches one per network, owned by the calling thread, plus (with several networks) one more in which
     *                  each network encodes the document in turn: only the encoder outputs are kept per network
     * @param input        the document's tokens as the networks read them
     * @param given        entities to score relations between instead of the decoded ones (null: decode)
     * @param minRelationProbability relation decisions below this are left out (NaN ones are kept, as before)
     * @param window       only the pairs inside it are scored (null: all pairs)
     */
    static Decoded predict(List<JnrfNetwork> networks, List<Scratch> scratches, EncodedText input,
                           List<EntitySpan> given, double minRelationProbability, PairWindow window) {
        int[] ids = input.ids();
        int[] lines = input.lines();
        int n = networks.size();
        List<JnrfNetwork.EncodedDocument> encoded = new ArrayList<>(n);
        double[][] tags = null;
        for (int m = 0; m < n; m++) {
            JnrfNetwork.EncodedDocument doc = n == 1 ? networks.get(m).encode(ids, lines, scratches.get(m))
                    : networks.get(m).encode(ids, lines, scratches.get(n)).keptIn(scratches.get(m));
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
                : BioDecoder.decodeConstrained(tags, input.continuation());
        return new Decoded(entities, relations(networks, encoded, entities, minRelationProbability, window));
    }

    /**
     * The decisions of every (modifier, anchor) pair at or above the minimum probability, anchor by anchor, scored
     * in blocks of anchors: memory for one block's pairs, not for all of them.
     */
    private static List<RelationScore> relations(List<JnrfNetwork> networks,
                                                 List<JnrfNetwork.EncodedDocument> encoded,
                                                 List<EntitySpan> entities, double minRelationProbability,
                                                 PairWindow window) {
        int n = networks.size();
        List<PairScorer> scorers = new ArrayList<>(n);
        for (int m = 0; m < n; m++) {
            PairScorer scorer = networks.get(m).pairScorer(encoded.get(m), entities, window);
            if (scorer == null) {
                return List.of();
            }
            scorers.add(scorer);
        }
        PairScorer first = scorers.get(0);
        List<RelationScore> kept = new ArrayList<>();
        for (PairScorer.Block block : first.blocks()) {
            double[][] pairs = first.probabilities(block);
            for (int m = 1; m < n; m++) {
                double[][] own = scorers.get(m).probabilities(block);
                for (int k = 0; k < own.length; k++) {
                    addInto(pairs[k], own[k]);
                }
            }
            for (int k = 0; k < pairs.length; k++) {
                int modifier = block.modifierOf(k);
                int anchor = block.anchorOf(k);
                if (!first.candidate(modifier, anchor)) {
                    continue;
                }
                divide(pairs[k], n);
                RelationScore decision = RelationScore.of(new PairProbabilities(first.modifier(modifier),
                        first.anchor(anchor), pairs[k]));
                if (!(decision.probability() < minRelationProbability)) {
                    kept.add(decision);
                }
            }
        }
        return kept;
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
