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
 * relations, so that together they cover at least {@code coverage} of them, each widened by a margin.
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
        PairWindow window = new PairWindow(widened(quantile(lines, each), margin),
                widened(quantile(tokens, each), margin));
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
