package org.jnrf.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-token tag probabilities into entity spans: argmax tag per token; B-t opens a span of type t; I-t continues
 * an open span of type t and otherwise opens one (lenient, so a lone I- is not lost); O closes. Confidence = mean over
 * the span's tokens of the probability of their decoded tag.
 */
public final class BioDecoder {
    private BioDecoder() {
    }

    public static List<EntitySpan> decode(double[][] probabilities) {
        return decode(probabilities, null);
    }

    /**
     * As {@link #decode(double[][])}, but word by word: a token that continues a word (a WordPiece "##" piece,
     * {@code wordStart[i] == false}) takes the I- tag of its word's first token, or O. Entities then always cover
     * whole words, as annotators mark them; token-level decoding cut words ("radi" of "radiculopathy") and split
     * one mention into several wherever a piece inside a word got another tag.
     *
     * @param wordStart per token, whether it starts a word; null = every token does
     */
    public static List<EntitySpan> decode(double[][] probabilities, boolean[] wordStart) {
        List<EntitySpan> spans = new ArrayList<>();
        int wordTag = 0;
        int openType = -1;
        int openBegin = -1;
        double openSum = 0;
        for (int i = 0; i <= probabilities.length; i++) {
            int tag = i < probabilities.length ? argmax(probabilities[i]) : 0;
            if (wordStart != null && i < probabilities.length) {
                if (wordStart[i]) {
                    wordTag = tag;
                } else {
                    tag = wordTag == 0 ? 0 : (wordTag % 2 == 1 ? wordTag + 1 : wordTag); // I- of the word's type
                }
            }
            boolean begin = tag % 2 == 1;
            int type = tag == 0 ? -1 : (tag - 1) / 2;
            boolean continues = tag != 0 && !begin && type == openType;
            if (openType >= 0 && !continues) {
                spans.add(EntitySpan.of(openType, openBegin, i).withConfidence(openSum / (i - openBegin)));
                openType = -1;
            }
            if (tag != 0 && !continues) {
                openType = type;
                openBegin = i;
                openSum = 0;
            }
            if (tag != 0) {
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
