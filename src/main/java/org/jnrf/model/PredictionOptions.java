package org.jnrf.model;

/**
 * Decision thresholds of {@link JnrfModel#predict}.
 *
 * @param entityThreshold   an entity is kept when its confidence (mean probability of its tokens' decoded BIO tags)
 *                          is at least this; 0 keeps every decoded entity
 * @param relationThreshold a (modifier, anchor) pair is related when the probability of its most probable relation
 *                          type is at least this; 0.5 is the plain argmax decision when a modifier type allows one
 *                          relation type (as in n2c2/PHEE); lower it for recall, raise it for precision
 */
public record PredictionOptions(double entityThreshold, double relationThreshold) {
    public PredictionOptions {
        if (!(entityThreshold >= 0 && entityThreshold <= 1) || !(relationThreshold >= 0 && relationThreshold <= 1)) {
            throw new IllegalArgumentException("thresholds must lie in [0, 1], got entity " + entityThreshold
                    + ", relation " + relationThreshold);
        }
    }

    public static PredictionOptions defaults() {
        return new PredictionOptions(0.0, 0.5);
    }
}
