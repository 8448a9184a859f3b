package org.jnrf.eval;

/**
 * True positives, false positives and false negatives, with precision, recall and F1 computed with the same
 * floating-point operations, in the same order, as the official n2c2 script (so its printed digits are reproduced),
 * and 0.0 wherever a denominator is zero.
 */
public record Counts(int truePositives, int falsePositives, int falseNegatives) {
    public static final Counts ZERO = new Counts(0, 0, 0);

    public Counts {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("negative count: tp=" + truePositives + " fp=" + falsePositives
                    + " fn=" + falseNegatives);
        }
    }

    public Counts plus(Counts other) {
        return new Counts(truePositives + other.truePositives, falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives);
    }

    public double precision() {
        int predicted = truePositives + falsePositives;
        return predicted == 0 ? 0.0 : (double) truePositives / predicted;
    }

    public double recall() {
        int gold = truePositives + falseNegatives;
        return gold == 0 ? 0.0 : (double) truePositives / gold;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        double denominator = p + r;
        // (1 + beta^2) * (p * r) / (beta^2 * (p + r)) with beta = 1, as the official script evaluates it
        return denominator == 0.0 ? 0.0 : 2.0 * (p * r) / denominator;
    }

    public PrfScores scores() {
        return new PrfScores(precision(), recall(), f1());
    }
}
