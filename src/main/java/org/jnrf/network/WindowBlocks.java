package org.jnrf.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocks of a {@link PairScorer} with a {@link PairWindow}: modifiers and anchors in text order, so that the
 * modifiers inside an anchor's window are a run (token distance and line distance each bound a run, as lines only
 * grow along the text). Consecutive anchors share a block while the block scores at most about twice the pairs inside
 * their windows (plus a small allowance, so that a dense stretch is not cut into one-anchor products).
 */
final class WindowBlocks {
    /** Pairs a block may score beyond twice its window pairs. */
    private static final int SLACK = 256;

    private WindowBlocks() {
    }

    static List<PairScorer.Block> of(List<EntitySpan> modifiers, List<EntitySpan> anchors, int[] lineIndex,
                                     PairWindow window, int maxPairs) {
        int m = modifiers.size();
        int[] starts = new int[m];
        int[] lines = new int[m];
        for (int i = 0; i < m; i++) {
            starts[i] = modifiers.get(i).firstToken();
            lines[i] = lineIndex == null ? 0 : lineIndex[starts[i]];
        }
        List<PairScorer.Block> blocks = new ArrayList<>();
        int from = -1;
        int lo = 0;
        int hi = 0;
        long inside = 0;
        for (int j = 0; j < anchors.size(); j++) {
            int t = anchors.get(j).firstToken();
            int line = lineIndex == null ? 0 : lineIndex[t];
            int first = Math.max(RelationHead.firstAtLeast(starts, (long) t - window.tokens()),
                    RelationHead.firstAtLeast(lines, (long) line - window.lines()));
            int end = Math.min(RelationHead.firstAtLeast(starts, (long) t + window.tokens() + 1),
                    RelationHead.firstAtLeast(lines, (long) line + window.lines() + 1));
            if (from >= 0) {
                int newLo = end > first ? Math.min(lo, first) : lo;
                int newHi = end > first ? Math.max(hi, end) : hi;
                long scored = (long) (newHi - newLo) * (j + 1 - from);
                long wanted = inside + Math.max(0, end - first);
                if (end <= first || scored > 2 * wanted + SLACK || scored > maxPairs) {
                    blocks.add(new PairScorer.Block(lo, hi, from, j));
                    from = -1;
                } else {
                    lo = newLo;
                    hi = newHi;
                    inside = wanted;
                    continue;
                }
            }
            if (end > first) {
                from = j;
                lo = first;
                hi = end;
                inside = end - first;
            }
        }
        if (from >= 0) {
            blocks.add(new PairScorer.Block(lo, hi, from, anchors.size()));
        }
        return blocks;
    }
}
