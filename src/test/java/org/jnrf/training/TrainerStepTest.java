package org.jnrf.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jnrf.network.ContextualEncoderConfig;
import org.jnrf.network.layers.Param;
import org.jnrf.network.transformer.BertShape;
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

    /** ADE on token 1, Drug on token 3 (or the other way round), related; ids 3..12. */
    private static TrainingExample example(String id, int[] ids, boolean adeFirst) {
        int[] tags = adeFirst ? new int[]{0, 1, 0, 3, 0} : new int[]{0, 3, 0, 1, 0};
        List<EntitySpan> spans = adeFirst ? List.of(EntitySpan.of(0, 1, 2), EntitySpan.of(1, 3, 4))
                : List.of(EntitySpan.of(1, 1, 2), EntitySpan.of(0, 3, 4));
        return new TrainingExample(id, ids, tags, spans, List.of(adeFirst ? new RelationPair(0, 1, 0)
                : new RelationPair(1, 0, 0)));
    }

    /** Every gradient (dense, or the touched rows of a row-sparse table scattered into a dense copy). */
    private static List<INDArray> gradients(JnrfNetwork network) {
        List<INDArray> out = new ArrayList<>();
        for (Param p : network.params()) {
            if (!p.isRowSparse()) {
                out.add(p.grad().dup());
                continue;
            }
            INDArray dense = org.nd4j.linalg.factory.Nd4j.zeros(p.value().dataType(), p.value().rows(),
                    p.value().columns());
            int[] rows = p.touchedRows();
            for (int r = 0; r < rows.length; r++) {
                dense.getRow(rows[r]).assign(p.rowGrad().getRow(r));
            }
            out.add(dense);
        }
        return out;
    }

    /**
     * Several documents in one step add their gradients (the table path and the contextual encoder, whose windows
     * and row-sparse tables also accumulate), so the step applies their mean.
     */
    @Test
    void gradientsOfSeveralDocumentsAddUpBeforeOneStep() {
        ComputeThreads.set(1);
        LabelSpace labels = new LabelSpace(List.of("ADE", "Drug"), "Drug", List.of("ADE-Drug"),
                new boolean[][]{{true, false}});
        BertShape shape = new BertShape(20, 6, 2, 8, 2, 2, 16, 1e-12);
        for (NetworkConfig config : List.of(new NetworkConfig(20, 8, 8, 1, 2, true, 4, 16, DataType.DOUBLE, 7),
                new NetworkConfig(20, 8, 8, 1, 2, true, 4, 16, DataType.DOUBLE, 7, 0, false,
                        new ContextualEncoderConfig(shape, 1, 2)))) {
            JnrfNetwork network = new JnrfNetwork(config, labels, FourierMixers.create("auto", 1));
            // the first note spans two encoder windows of 4 pieces
            TrainingExample a = example("a", new int[]{5, 6, 7, 8, 9}, true);
            TrainingExample b = example("b", new int[]{9, 10, 5, 11, 12}, false);
            LossOptions options = new LossOptions(null, false, 1.0);
            Scratch scratch = network.newScratch();
            network.zeroGrads();
            network.computeGradients(a, options, scratch);
            List<INDArray> ga = gradients(network);
            network.zeroGrads();
            network.computeGradients(b, options, scratch);
            List<INDArray> gb = gradients(network);
            network.zeroGrads();
            network.computeGradients(a, options, scratch);
            network.computeGradients(b, options, scratch);
            List<INDArray> both = gradients(network);
            for (int i = 0; i < both.size(); i++) {
                String name = network.params().get(i).name();
                INDArray expected = ga.get(i).add(gb.get(i));
                assertTrue(both.get(i).equalsWithEps(expected, 1e-12), name + ": " + both.get(i) + " vs " + expected);
            }

            Adam adam = Adam.standard(network);
            List<StepLoss> losses = Trainer.step(network, adam, List.of(a, b), options, scratch, 1e-2, 1.0);
            assertEquals(2, losses.size());
            assertEquals(1, adam.step(), "one update for both documents");
        }
    }
}
