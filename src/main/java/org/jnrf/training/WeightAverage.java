package org.jnrf.training;

import org.jnrf.model.NetworkWeights;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.layers.Param;

import java.util.List;

/**
 * Exponential moving average of a network's weights (Polyak averaging), kept in a second network of the same
 * configuration. Averaged weights smooth out the last steps' noise, which a constant-sized dev set rewards more
 * reliably than picking one step's weights. The decay ramps up as {@code min(decay, (1 + n) / (10 + n))} after n
 * updates, so the first epoch's average is not dominated by the random initialisation.
 */
final class WeightAverage {
    private final double decay;
    private final JnrfNetwork average;
    private long updates;

    /**
     * @param decay   weight of the old average in each update, in (0, 1)
     * @param network the network being trained
     * @param average a network of the same configuration that will hold the average; starts as a copy
     * @param updates updates already made (when resuming a run whose average {@code average} already holds)
     */
    WeightAverage(double decay, JnrfNetwork network, JnrfNetwork average, long updates) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must lie in (0, 1), got " + decay);
        }
        this.decay = decay;
        this.average = average;
        this.updates = updates;
        if (updates == 0) {
            NetworkWeights.copy(network, average);
        }
    }

    /** Moves the average towards the network's current weights: a = d a + (1 - d) w. */
    void update(JnrfNetwork network) {
        updates++;
        double d = Math.min(decay, (1.0 + updates) / (10.0 + updates));
        List<Param> current = network.params();
        List<Param> averaged = average.params();
        for (int i = 0; i < current.size(); i++) {
            if (!current.get(i).isTrainable()) {
                continue;
            }
            network.kernels().movingAverage(averaged.get(i).value(), current.get(i).value(), d);
        }
    }

    JnrfNetwork network() {
        return average;
    }

    long updates() {
        return updates;
    }
}
