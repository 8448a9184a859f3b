package org.jnrf.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-token tag probabilities ({@link BioScheme}) into entity spans: {@link #decodeConstrained}
 * (what the network uses) finds the best valid tag sequence; {@link #decode} reads spans off the argmax tags.
 */
public final class BioDecoder {
    private BioDecoder() {
    }

    /**
     * The most probable tag sequence that is valid BIO and keeps words whole (Viterbi over log probabilities): I-t
     * only after B-t or I-t, and a token that continues a word ({@code wordContinuation[i]}) takes I-t after B-t/I-t
     * and O after O, so a word is never split between entities. Unlike the greedy argmax decoding, a long phrase
     * with one uncertain token in its middle stays one entity instead of breaking into two (PHEE dev: lenient
     * entity F1 0.697 -> 0.736 with the default model; crediting p(B-t) + p(I-t) to an entity's first token, so that
     * a lone I-t opens one, scored 0.706). Confidence = mean over the span of p(B-t) + p(I-t), the tagger's belief
     * that the token is in a t entity. Null flags: BIO constraints only.
     */
    public static List<EntitySpan> decodeConstrained(double[][] probabilities, boolean[] wordContinuation) {
        int n = probabilities.length;
        if (n == 0) {
            return List.of();
        }
        int tags = probabilities[0].length;
        double[] score = new double[tags];
        double[] next = new double[tags];
        int[][] back = new int[n][tags];
        for (int k = 0; k < tags; k++) {
            score[k] = BioScheme.isInside(k) ? Double.NEGATIVE_INFINITY : Math.log(Math.max(probabilities[0][k], 1e-30));
        }
        for (int i = 1; i < n; i++) {
            boolean continuation = wordContinuation != null && i < wordContinuation.length && wordContinuation[i];
            for (int k = 0; k < tags; k++) {
                double best = Double.NEGATIVE_INFINITY;
                int from = 0;
                for (int j = 0; j < tags; j++) {
                    if (score[j] == Double.NEGATIVE_INFINITY || !allowed(j, k, continuation)) {
                        continue;
                    }
                    double v = score[j] + Math.log(Math.max(probabilities[i][k], 1e-30));
                    if (v > best) {
                        best = v;
                        from = j;
                    }
                }
                next[k] = best;
                back[i][k] = from;
            }
            double[] t = score;
            score = next;
            next = t;
        }
        int[] path = new int[n];
        path[n - 1] = argmax(score);
        for (int i = n - 1; i > 0; i--) {
            path[i - 1] = back[i][path[i]];
        }
        double[][] oneHot = new double[n][];
        for (int i = 0; i < n; i++) {
            oneHot[i] = new double[tags];
            oneHot[i][path[i]] = 1;
        }
        List<EntitySpan> spans = new ArrayList<>();
        for (EntitySpan s : decode(oneHot)) {
            double sum = 0;
            for (int i = s.firstToken(); i < s.lastTokenExclusive(); i++) {
                sum += probabilities[i][BioScheme.begin(s.type())]
                        + probabilities[i][BioScheme.inside(s.type())];
            }
            spans.add(s.withConfidence(sum / s.tokenCount()));
        }
        return spans;
    }

    /** Whether tag {@code to} may follow tag {@code from}. */
    private static boolean allowed(int from, int to, boolean continuation) {
        int fromType = BioScheme.type(from);
        if (continuation) {
            return from == BioScheme.OUTSIDE ? to == BioScheme.OUTSIDE
                    : BioScheme.isInside(to) && BioScheme.type(to) == fromType;
        }
        return !BioScheme.isInside(to) || BioScheme.type(to) == fromType;
    }

    /**
     * Spans of the argmax tags: B-t opens a span of type t; I-t continues an open span of type t and otherwise opens
     * one; O closes. Confidence = mean over the span's tokens of the probability of their tag.
     */
    public static List<EntitySpan> decode(double[][] probabilities) {
        List<EntitySpan> spans = new ArrayList<>();
        int openType = -1;
        int openBegin = -1;
        double openSum = 0;
        for (int i = 0; i <= probabilities.length; i++) {
            int tag = i < probabilities.length ? argmax(probabilities[i]) : BioScheme.OUTSIDE;
            boolean begin = BioScheme.isBegin(tag);
            int type = BioScheme.type(tag);
            boolean continues = tag != BioScheme.OUTSIDE && !begin && type == openType;
            if (openType >= 0 && !continues) {
                spans.add(EntitySpan.of(openType, openBegin, i).withConfidence(openSum / (i - openBegin)));
                openType = -1;
            }
            if (tag != BioScheme.OUTSIDE && !continues) {
                openType = type;
                openBegin = i;
                openSum = 0;
            }
            if (tag != BioScheme.OUTSIDE) {
                openSum += probabilities[i][tag];
            }
        }
        return spans;
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
