package org.jnrf.training;

/**
 * Weights of the relation classes in the relation loss, from the class counts n_c over the gold (modifier, anchor)
 * pairs of the training set (N pairs, K classes present): NONE = 1; INVERSE_FREQUENCY = N / (K n_c);
 * SQRT_INVERSE_FREQUENCY = sqrt(N / (K n_c)), a milder correction of the "no relation" majority.
 */
public enum RelationClassWeighting {
    NONE, INVERSE_FREQUENCY, SQRT_INVERSE_FREQUENCY;

    public double[] weights(long[] counts) {
        double[] w = new double[counts.length];
        long total = 0;
        int present = 0;
        for (long c : counts) {
            total += c;
            present += c > 0 ? 1 : 0;
        }
        for (int i = 0; i < counts.length; i++) {
            if (this == NONE || counts[i] == 0) {
                w[i] = 1;
            } else {
                double inv = (double) total / (present * (double) counts[i]);
                w[i] = this == INVERSE_FREQUENCY ? inv : Math.sqrt(inv);
            }
        }
        return w;
    }
}
