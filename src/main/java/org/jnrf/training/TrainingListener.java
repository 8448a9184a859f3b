package org.jnrf.training;

import org.jnrf.model.JnrfModel;

/** Receives the progress of a {@link Trainer} and scores each epoch's model for model selection. */
@FunctionalInterface
public interface TrainingListener {
    /**
     * Called after every epoch with a snapshot of the model (a copy: training goes on without changing it).
     *
     * @return the score of the snapshot, higher is better (e.g. lenient relation micro F1 on dev); the best snapshot
     * is what {@link Trainer#train} returns, and the score drives early stopping. NaN = no opinion: the trainer then
     * scores the epoch by its negated dev loss (or train loss when there is no dev set).
     */
    double epochEnd(int epoch, double trainLoss, JnrfModel snapshot);

    /** Called after every training step (one document). */
    default void stepEnd(int epoch, int step, int stepsPerEpoch, double loss) {
    }

    /** A listener without an opinion: epochs are scored by dev loss. */
    static TrainingListener devLoss() {
        return (epoch, trainLoss, snapshot) -> Double.NaN;
    }
}
