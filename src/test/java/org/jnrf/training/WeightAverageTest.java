package org.jnrf.training;

import org.jnrf.network.FourierMixers;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.LabelSpace;
import org.jnrf.network.NetworkConfig;
import org.jnrf.network.Param;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        WeightAverage average = new WeightAverage(0.5, trained, averaged, 0);
        // two updates towards changed weights: d = min(0.5, 2/11) then min(0.5, 3/12)
        float[][] expected = new float[start.length][];
        for (int i = 0; i < w.size(); i++) {
            expected[i] = start[i].clone();
        }
        for (double d : new double[]{2.0 / 11, 3.0 / 12}) {
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
    void rejectsADecayOutsideTheOpenUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(1.0, network(1), network(2), 0));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().weightAverageDecay(-0.1).build());
    }
}
