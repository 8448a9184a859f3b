package org.jnrf.training;

import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.LabelSpace;
import org.jnrf.network.NetworkConfig;
import org.jnrf.network.fourier.FourierMixers;
import org.jnrf.network.layers.Param;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WeightAverageTest {
    private static JnrfNetwork network(long seed) {
        LabelSpace labels = new LabelSpace(List.of("Drug", "ADE"), "Drug", List.of("ADE-Drug"),
                new boolean[][]{{false, true}});
        return new JnrfNetwork(new NetworkConfig(30, 8, 8, 1, 2, true, 4, 8, DataType.FLOAT, seed), labels,
                FourierMixers.create("jtransforms", 1));
    }

    @Test
    void followsTheRampedExponentialAverage() {
        JnrfNetwork trained = network(1);
        JnrfNetwork averaged = network(2);
        List<Param> w = trained.params();
        float[][] start = w.stream().map(p -> p.value().dup('c').data().asFloat()).toArray(float[][]::new);
        WeightAverage average = new WeightAverage(0.2, trained, averaged, 0);
        // two updates towards changed weights: d = min(0.2, 2/11) (the ramp), then min(0.2, 3/12) (the decay)
        float[][] expected = new float[start.length][];
        for (int i = 0; i < w.size(); i++) {
            expected[i] = start[i].clone();
        }
        for (double d : new double[]{2.0 / 11, 0.2}) {
            for (Param p : w) {
                p.value().addi(1.0);
            }
            average.update(trained);
            for (int i = 0; i < w.size(); i++) {
                float[] now = w.get(i).value().dup('c').data().asFloat();
                for (int j = 0; j < now.length; j++) {
                    expected[i][j] = (float) (d * expected[i][j] + (1 - d) * now[j]);
                }
            }
        }
        for (int i = 0; i < w.size(); i++) {
            INDArray a = averaged.params().get(i).value();
            assertArrayEquals(expected[i], a.dup('c').data().asFloat(), 1e-5f,
                    w.get(i).name());
        }
    }

    @Test
    void aResumedAverageKeepsItsValuesAndItsRampPosition() {
        JnrfNetwork trained = network(1);
        JnrfNetwork averaged = network(2);
        float[][] before = averaged.params().stream().map(p -> p.value().dup('c').data().asFloat())
                .toArray(float[][]::new);
        WeightAverage average = new WeightAverage(0.9, trained, averaged, 1000);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], averaged.params().get(i).value().dup('c').data().asFloat(), 0f,
                    "a resumed average is not overwritten by the network");
        }
        average.update(trained);
        // after 1000 updates the ramp is past 0.9, so d = 0.9 exactly
        for (int i = 0; i < before.length; i++) {
            float[] w = trained.params().get(i).value().dup('c').data().asFloat();
            float[] expected = new float[w.length];
            for (int j = 0; j < w.length; j++) {
                expected[j] = (float) (0.9 * before[i][j] + 0.1 * w[j]);
            }
            assertArrayEquals(expected, averaged.params().get(i).value().dup('c').data().asFloat(), 1e-5f);
        }
        assertEquals(1001, average.updates());
    }

    @Test
    void rejectsADecayOutsideTheOpenUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(1.0, network(1), network(2), 0));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().weightAverageDecay(-0.1).build());
    }
}
