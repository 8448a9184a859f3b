package org.jnrf.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jnrf.network.optimizer.Adam;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.EntitySpan;
import org.jnrf.network.fourier.FourierMixers;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.LabelSpace;
import org.jnrf.network.LossOptions;
import org.jnrf.network.NetworkConfig;
import org.jnrf.network.RelationPair;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.StepLoss;
import org.jnrf.network.TrainingExample;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainerStepTest {
    @Test
    void aStepUpdatesTheWeightsOnceAndReturnsTheLossItsGradientsCameFrom() {
        ComputeThreads.set(1);
        LabelSpace labels = new LabelSpace(List.of("ADE", "Drug"), "Drug", List.of("ADE-Drug"),
                new boolean[][]{{true, false}});
        NetworkConfig config = new NetworkConfig(20, 8, 8, 1, 2, true, 4, 16, DataType.FLOAT, 7);
        JnrfNetwork network = new JnrfNetwork(config, labels, FourierMixers.create("auto", 1));
        Adam adam = Adam.standard(network);
        // tags 1 + 2t: an ADE on token 1, a Drug on token 3, related
        TrainingExample example = new TrainingExample("d", new int[]{5, 6, 7, 8, 9}, new int[]{0, 1, 0, 3, 0},
                List.of(EntitySpan.of(0, 1, 2), EntitySpan.of(1, 3, 4)), List.of(new RelationPair(0, 1, 0)));
        LossOptions options = new LossOptions(null, false, 1.0);
        Scratch scratch = network.newScratch();
        List<INDArray> before = network.params().stream().map(p -> p.value().dup()).toList();

        StepLoss first = Trainer.step(network, adam, example, options, scratch, 1e-2, 1.0);
        assertTrue(Double.isFinite(first.total()) && first.total() > 0, "loss " + first.total());
        assertEquals(1, adam.step());
        for (int i = 0; i < before.size(); i++) {
            assertFalse(before.get(i).equals(network.params().get(i).value()), network.params().get(i).name());
        }
        for (int i = 0; i < 5; i++) {
            Trainer.step(network, adam, example, options, scratch, 1e-2, 1.0);
        }
        assertEquals(6, adam.step());
        StepLoss later = Trainer.step(network, adam, example, options, scratch, 1e-2, 1.0);
        assertTrue(later.total() < first.total(), "descends: " + first.total() + " then " + later.total());
    }
}
