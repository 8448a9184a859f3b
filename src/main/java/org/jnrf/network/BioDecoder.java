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

    /**
     * Decodes, then widens every span to whole words (a span starting or ending inside a word takes the whole word;
     * {@code wordContinuation[i]}: token i continues the previous token's word) and resolves the overlaps this
     * creates: spans of the same type merge, otherwise the more confident span wins. Null flags: no widening.
     */
    public static List<EntitySpan> decode(double[][] probabilities, boolean[] wordContinuation) {
        List<EntitySpan> spans = decode(probabilities);
        if (wordContinuation == null || spans.isEmpty()) {
            return spans;
        }
        int n = probabilities.length;
        List<EntitySpan> out = new ArrayList<>();
        for (EntitySpan s : spans) {
            int b = s.firstToken();
            int e = s.lastTokenExclusive();
            while (b > 0 && wordContinuation[b]) {
                b--;
            }
            while (e < n && wordContinuation[e]) {
                e++;
            }
            EntitySpan widened = new EntitySpan(s.type(), List.of(new TokenRange(b, e)), s.confidence());
            if (!out.isEmpty()) {
                EntitySpan last = out.get(out.size() - 1);
                if (last.lastTokenExclusive() > b) {
                    if (last.type() == s.type()) {
                        int lb = last.firstToken();
                        int le = Math.max(last.lastTokenExclusive(), e);
                        double conf = (last.confidence() * last.tokenCount() + s.confidence() * s.tokenCount())
                                / (last.tokenCount() + s.tokenCount());
                        out.set(out.size() - 1, new EntitySpan(s.type(), List.of(new TokenRange(lb, le)), conf));
                    } else if (s.confidence() > last.confidence()) {
                        out.set(out.size() - 1, widened);
                    }
                    continue;
                }
            }
            out.add(widened);
        }
        return out;
    }

    public static List<EntitySpan> decode(double[][] probabilities) {
        List<EntitySpan> spans = new ArrayList<>();
        int openType = -1;
        int openBegin = -1;
        double openSum = 0;
        for (int i = 0; i <= probabilities.length; i++) {
            int tag = i < probabilities.length ? argmax(probabilities[i]) : 0;
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
