package org.jnrf.network;

import java.util.List;

/**
 * Row weights of the tagging and relation cross entropies from the {@link LossOptions}: rare entity types weighed up,
 * pairs outside the pair window and rows outside the loss span weighed 0. Null whenever every row weighs the same,
 * so that a run without these options computes exactly what it did before them.
 */
final class LossWeights {
    private LossWeights() {
    }

    /** Weight of each token's tag row; null: all 1. */
    static double[] tags(int[] tags, LossOptions options) {
        if (options.tagWeights() == null && options.lossSpan() == null) {
            return null;
        }
        double[] w = new double[tags.length];
        for (int i = 0; i < tags.length; i++) {
            w[i] = (options.tagWeights() == null ? 1 : options.tagWeights()[tags[i]]) * (inSpan(i, options) ? 1 : 0);
        }
        return w;
    }

    /**
     * Weight of each pair row i + j m, from the class weights of its target ({@code byClass}, null: all 1), 0 for a
     * pair outside the window or whose modifier starts outside the loss span.
     */
    static double[] pairs(double[] byClass, List<EntitySpan> modifiers, List<EntitySpan> anchors, int[] lineIndex,
                          LossOptions options) {
        if (options.pairWindow() == null && options.lossSpan() == null) {
            return byClass;
        }
        int m = modifiers.size();
        double[] w = new double[m * anchors.size()];
        for (int j = 0; j < anchors.size(); j++) {
            int anchor = anchors.get(j).firstToken();
            for (int i = 0; i < m; i++) {
                int modifier = modifiers.get(i).firstToken();
                boolean counted = inSpan(modifier, options) && (options.pairWindow() == null
                        || options.pairWindow().contains(modifier, anchor, lineIndex));
                w[i + j * m] = counted ? byClass == null ? 1 : byClass[i + j * m] : 0;
            }
        }
        return w;
    }

    private static boolean inSpan(int token, LossOptions options) {
        TokenRange span = options.lossSpan();
        return span == null || token >= span.begin() && token < span.end();
    }
}
