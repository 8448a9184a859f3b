package org.jnrf.network;

/**
 * How the training loss is formed.
 *
 * @param relationClassWeights  weight of each relation class (index 0 = no relation) in the relation cross entropy;
 *                              null = all 1
 * @param addPredictedSpans     also pool the predicted entity spans that match no gold span (their pairs are labelled
 *                              "no relation"), so the relation head learns to reject spurious entities
 * @param relationLossWeight    weight of the relation loss against the tagging loss
 * @param pairWindow            only the pairs inside this window get relation loss (null: every pair)
 * @param tagWeights            weight of each BIO tag in the tagging cross entropy (null: all 1), to weigh rare entity
 *                              types up
 * @param lossSpan              only the tokens of this range, and the pairs whose modifier starts there, get loss while
 *                              the network reads the whole document (null: the whole document)
 */
public record LossOptions(double[] relationClassWeights, boolean addPredictedSpans, double relationLossWeight,
                          PairWindow pairWindow, double[] tagWeights, TokenRange lossSpan) {
    public LossOptions(double[] relationClassWeights, boolean addPredictedSpans, double relationLossWeight) {
        this(relationClassWeights, addPredictedSpans, relationLossWeight, null, null, null);
    }

    public static LossOptions defaults() {
        return new LossOptions(null, true, 1.0);
    }

    /** These options with the loss over {@code span} only (null: the whole document). */
    public LossOptions withLossSpan(TokenRange span) {
        return new LossOptions(relationClassWeights, addPredictedSpans, relationLossWeight, pairWindow, tagWeights,
                span);
    }
}
