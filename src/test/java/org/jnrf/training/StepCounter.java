package org.jnrf.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jnrf.model.JnrfModel;

/** A training listener for tests that counts optimizer steps (each loss finite) and keeps the steps an epoch has. */
final class StepCounter implements TrainingListener {
    private int steps;
    private int stepsPerEpoch;

    @Override
    public double epochEnd(int epoch, double trainLoss, JnrfModel snapshot) {
        return Double.NaN;
    }

    @Override
    public void stepEnd(int epoch, int step, int stepsPerEpoch, double loss) {
        steps++;
        this.stepsPerEpoch = stepsPerEpoch;
        assertTrue(Double.isFinite(loss), "step " + step + ": loss " + loss);
    }

    int steps() {
        return steps;
    }

    int stepsPerEpoch() {
        return stepsPerEpoch;
    }
}
