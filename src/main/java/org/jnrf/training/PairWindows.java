package org.jnrf.training;

import org.jnrf.network.EntitySpan;
import org.jnrf.network.PairWindow;
import org.jnrf.network.RelationPair;
import org.jnrf.network.TrainingExample;

import java.util.ArrayList;
import java.util.List;

/**
 * Learns the {@link PairWindow} of candidate pairs from the training relations: the token distance and the line
 * distance (between the first tokens of modifier and anchor) that each cover all but half the allowed share of the
 * relations, so that together they cover at least {@code coverage} of them, each widened by a margin. A distance is
 * bounded only where the training documents hold candidate pairs farther apart than the bound: a corpus of
 * one-line documents says nothing about relations across lines, so its window leaves lines unbounded rather than
 * forbid every relation between two lines of a real note.
 */
public final class PairWindows {
    private PairWindows() {
    }

    /** A learned window and the share of the training relations inside it. */
    public record Learned(PairWindow window, int relations, double covered) {
    }

    /**
     * @param coverage share of the relations the window must cover, in (0, 1]; 0: no window
     * @param margin   each distance is widened by this fraction (rounded up)
     * @return null when there is no window to learn (coverage 0, or no relation in the examples)
     */
    public static Learned learn(List<TrainingExample> examples, double coverage, double margin) {
        if (coverage <= 0) {
            return null;
        }
        List<Integer> tokens = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (TrainingExample ex : examples) {
            for (RelationPair r : ex.relations()) {
                int t = ex.entities().get(r.modifier()).firstToken();
                int u = ex.entities().get(r.anchor()).firstToken();
                tokens.add(Math.abs(t - u));
                lines.add(ex.lineIndex() == null ? 0 : Math.abs(ex.lineIndex()[t] - ex.lineIndex()[u]));
            }
        }
        if (tokens.isEmpty()) {
            return null;
        }
        double each = 1 - (1 - coverage) / 2;
        int[] farthest = farthestCandidates(examples);
        int lineBound = widened(quantile(lines, each), margin);
        int tokenBound = widened(quantile(tokens, each), margin);
        PairWindow window = new PairWindow(lineBound >= farthest[0] ? PairWindow.UNBOUNDED : lineBound,
                tokenBound >= farthest[1] ? PairWindow.UNBOUNDED : tokenBound);
        int inside = 0;
        for (TrainingExample ex : examples) {
            for (RelationPair r : ex.relations()) {
                EntitySpan modifier = ex.entities().get(r.modifier());
                EntitySpan anchor = ex.entities().get(r.anchor());
                inside += window.contains(modifier.firstToken(), anchor.firstToken(), ex.lineIndex()) ? 1 : 0;
            }
        }
        return new Learned(window, tokens.size(), inside / (double) tokens.size());
    }

    /**
     * The largest line and token distances between the first tokens of a candidate pair (an entity of a type that is
     * a modifier in some training relation, and one of a type that is an anchor in some) in any training document.
     */
    static int[] farthestCandidates(List<TrainingExample> examples) {
        java.util.Set<Integer> modifierTypes = new java.util.HashSet<>();
        java.util.Set<Integer> anchorTypes = new java.util.HashSet<>();
        for (TrainingExample ex : examples) {
            for (RelationPair r : ex.relations()) {
                modifierTypes.add(ex.entities().get(r.modifier()).type());
                anchorTypes.add(ex.entities().get(r.anchor()).type());
            }
        }
        int[] farthest = new int[2];
        for (TrainingExample ex : examples) {
            // extremes of the modifiers' and the anchors' lines and tokens: the farthest pair joins two of them
            int[][] modifier = {{Integer.MAX_VALUE, Integer.MIN_VALUE}, {Integer.MAX_VALUE, Integer.MIN_VALUE}};
            int[][] anchor = {{Integer.MAX_VALUE, Integer.MIN_VALUE}, {Integer.MAX_VALUE, Integer.MIN_VALUE}};
            for (EntitySpan e : ex.entities()) {
                int token = e.firstToken();
                int line = ex.lineIndex() == null ? 0 : ex.lineIndex()[token];
                if (modifierTypes.contains(e.type())) {
                    extend(modifier, line, token);
                }
                if (anchorTypes.contains(e.type())) {
                    extend(anchor, line, token);
                }
            }
            for (int d = 0; d < 2; d++) {
                if (modifier[d][0] <= modifier[d][1] && anchor[d][0] <= anchor[d][1]) {
                    farthest[d] = Math.max(farthest[d], Math.max(modifier[d][1] - anchor[d][0],
                            anchor[d][1] - modifier[d][0]));
                }
            }
        }
        return farthest;
    }

    private static void extend(int[][] range, int line, int token) {
        range[0][0] = Math.min(range[0][0], line);
        range[0][1] = Math.max(range[0][1], line);
        range[1][0] = Math.min(range[1][0], token);
        range[1][1] = Math.max(range[1][1], token);
    }

    /** The smallest value that at least {@code share} of the values do not exceed. */
    static int quantile(List<Integer> values, double share) {
        List<Integer> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(share * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static int widened(int distance, double margin) {
        return (int) Math.min(Integer.MAX_VALUE / 2, Math.ceil(distance * (1 + margin)));
    }
}
