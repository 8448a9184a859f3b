package org.jnrf.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ScheduleAndWeightingTest {
    @Test
    void warmupThenLinearOrCosineDecay() {
        LearningRateSchedule linear = new LearningRateSchedule(LearningRateSchedule.Shape.LINEAR, 1.0, 10, 110, 0.0);
        assertEquals(0.1, linear.at(0), 1e-12);
        assertEquals(1.0, linear.at(9), 1e-12);
        assertEquals(1.0, linear.at(10), 1e-12);
        assertEquals(0.5, linear.at(60), 1e-12);
        assertEquals(0.0, linear.at(110), 1e-12);
        LearningRateSchedule cosine = new LearningRateSchedule(LearningRateSchedule.Shape.COSINE, 2.0, 0, 100, 0.1);
        assertEquals(2.0, cosine.at(0), 1e-12);
        assertEquals(0.2 + 1.8 * 0.5, cosine.at(50), 1e-12);
        assertEquals(0.2, cosine.at(100), 1e-12);
        assertEquals(3.0, new LearningRateSchedule(LearningRateSchedule.Shape.CONSTANT, 3.0, 0, 9, 0).at(7), 0);
    }

    @Test
    void classWeights() {
        long[] counts = {90, 10, 0};
        assertArrayEquals(new double[]{1, 1, 1}, RelationClassWeighting.NONE.weights(counts), 0);
        assertArrayEquals(new double[]{100.0 / 180, 100.0 / 20, 1}, RelationClassWeighting.INVERSE_FREQUENCY
                .weights(counts), 1e-12);
        assertArrayEquals(new double[]{Math.sqrt(100.0 / 180), Math.sqrt(5), 1},
                RelationClassWeighting.SQRT_INVERSE_FREQUENCY.weights(counts), 1e-12);
    }

    @Test
    void shuffleIsAPermutationAndRepeatable() {
        ShuffleRandom a = new ShuffleRandom(7);
        ShuffleRandom b = new ShuffleRandom(7);
        int[] p = a.permutation(50);
        assertArrayEquals(p, b.permutation(50));
        assertArrayEquals(java.util.stream.IntStream.range(0, 50).toArray(), java.util.Arrays.stream(p).sorted()
                .toArray());
        ShuffleRandom c = new ShuffleRandom(a.state());
        assertArrayEquals(a.permutation(20), c.permutation(20));
    }
}
