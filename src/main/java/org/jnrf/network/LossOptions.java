package org.jnrf.network;

/**
 * How the training loss is formed.
 *
 * @param relationClassWeights  weight of each relation class (index 0 = no relation) in the relation cross entropy;
 *                              null = all 1
 * @param addPredictedSpans     also pool the predicted entity spans that match no gold span (their pairs are labelled
 *                              "no relation"), so the relation head learns to reject spurious entities
 * @param relationLossWeight    weight of the relation loss against the tagging loss
 */
public record LossOptions(double[] relationClassWeights, boolean addPredictedSpans, double relationLossWeight) {
    public static LossOptions defaults() {
        return new LossOptions(null, true, 1.0);
    }
}
