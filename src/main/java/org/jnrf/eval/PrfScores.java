package org.jnrf.eval;

/** Precision, recall and F1 (beta = 1), each in [0, 1]. */
public record PrfScores(double precision, double recall, double f1) {
    public static final PrfScores ZERO = new PrfScores(0.0, 0.0, 0.0);

    PrfScores plus(PrfScores other) {
        return new PrfScores(precision + other.precision, recall + other.recall, f1 + other.f1);
    }

    PrfScores dividedBy(int n) {
        return n == 0 ? ZERO : new PrfScores(precision / n, recall / n, f1 / n);
    }
}
