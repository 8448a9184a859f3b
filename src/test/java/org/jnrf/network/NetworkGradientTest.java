package org.jnrf.network;

import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.fourier.FourierMixers;
import org.jnrf.network.layers.Param;
import org.jnrf.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite-difference check of the whole network loss (tagging + weighted relation CE) for every parameter. */
class NetworkGradientTest {

    @org.junit.jupiter.api.BeforeAll
    static void singleThread() {
        ComputeThreads.set(1);
    }

    @Test
    void wholeLossGradient() {
        checkWholeLoss(TestNetworks.config(DataType.DOUBLE, 13, 8, 7));
    }

    @Test
    void wholeLossGradientWithContextWindowAndPairFeatures() {
        NetworkConfig c = TestNetworks.config(DataType.DOUBLE, 13, 8, 7);
        checkWholeLoss(new NetworkConfig(c.vocabularySize(), c.embeddingDim(), c.hidden(), c.layers(), c.expansion(),
                c.tied(), c.relationDim(), c.distanceScale(), c.dataType(), c.seed(), 2, true));
    }

    @Test
    void wholeLossGradientWithContextualEncoder() {
        // 8 positions: the 12 tokens are read in three windows of 6 between [CLS] and [SEP]
        org.jnrf.network.transformer.BertShape shape = new org.jnrf.network.transformer.BertShape(13, 8, 2, 6, 1, 2,
                10, 1e-12);
        ContextualEncoderConfig encoder = new ContextualEncoderConfig(shape, 2, 3);
        java.util.Set<String> sampled = java.util.Set.of(org.jnrf.network.transformer.BertShape.wordEmbeddings(),
                org.jnrf.network.transformer.BertShape.layerPart(0, "query.weight"),
                org.jnrf.network.transformer.BertShape.layerPart(0, "outputNorm.gain"));
        for (int fnetLayers : new int[]{0, 1}) {
            NetworkConfig c = new NetworkConfig(13, 6, 8, fnetLayers, 2, true, 8, 7, DataType.DOUBLE, 7, 0, true,
                    encoder);
            checkWholeLoss(c, p -> !p.name().startsWith("bert.") || sampled.contains(p.name()), 3);
        }
    }

    private static void checkWholeLoss(NetworkConfig config) {
        checkWholeLoss(config, p -> true, 5);
    }

    private static void checkWholeLoss(NetworkConfig config, java.util.function.Predicate<Param> checked,
                                       int samples) {
        JnrfNetwork net = new JnrfNetwork(config, TestNetworks.labels(), FourierMixers.create("jtransforms", 1));
        TrainingExample plain = TestNetworks.example();
        // the second Drug and the Dosage sit on a second line
        int[] lines = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
        TrainingExample ex = new TrainingExample(plain.documentId(), plain.tokenIds(), plain.bioTags(),
                plain.entities(), plain.relations(), null, lines);
        LossOptions options = new LossOptions(new double[]{0.5, 2.0, 3.0}, false, 0.7);
        net.zeroGrads();
        StepLoss loss = net.computeGradients(ex, options, net.newScratch());
        assertEquals(4, loss.pairs()); // 2 modifiers x 2 anchors
        assertEquals(loss.total(), net.loss(ex, options, net.newScratch()).total(), 1e-12);
        for (Param p : net.params()) {
            if (!checked.test(p)) {
                continue;
            }
            INDArray analytic;
            if (p.isRowSparse()) {
                analytic = GradCheck.zerosLike(p.value());
                int[] rows = p.touchedRows();
                for (int i = 0; i < rows.length; i++) {
                    analytic.getRow(rows[i]).assign(p.rowGrad().getRow(i));
                }
            } else {
                analytic = p.grad().dup();
            }
            GradCheck.check(p.name(), p.value(), analytic,
                    () -> net.loss(ex, options, net.newScratch()).total(), samples, 1e-4);
        }
    }

    @Test
    void predictedSpansAddPairsLabelledNoRelation() {
        JnrfNetwork net = new JnrfNetwork(TestNetworks.config(DataType.FLOAT, 13, 8, 3), TestNetworks.labels(),
                FourierMixers.create("jtransforms", 1));
        TrainingExample ex = TestNetworks.example();
        int gold = net.loss(ex, new LossOptions(null, false, 1), net.newScratch()).pairs();
        NetworkPrediction prediction = net.predict(ex.tokenIds(), net.newScratch());
        long extraModifiers = prediction.entities().stream()
                .filter(e -> e.type() == 1 || e.type() == 2)
                .filter(e -> ex.entities().stream().noneMatch(e::sameTokens)).count();
        long extraAnchors = prediction.entities().stream().filter(e -> e.type() == 0)
                .filter(e -> ex.entities().stream().noneMatch(e::sameTokens)).count();
        int withPredicted = net.loss(ex, new LossOptions(null, true, 1), net.newScratch()).pairs();
        assertEquals((2 + extraModifiers) * (2 + extraAnchors), withPredicted);
        assertTrue(withPredicted >= gold);
    }

    @Test
    void predictedSpansStandForTheGoldEntityTheyOverlapMost() {
        java.util.List<EntitySpan> gold = java.util.List.of(EntitySpan.of(1, 2, 5), EntitySpan.of(0, 6, 7),
                EntitySpan.of(1, 8, 12));
        assertEquals(0, JnrfNetwork.goldCounterpart(EntitySpan.of(1, 3, 4), gold));
        assertEquals(2, JnrfNetwork.goldCounterpart(EntitySpan.of(1, 4, 11), gold)); // 1 token with 0, 3 with 2
        assertEquals(-1, JnrfNetwork.goldCounterpart(EntitySpan.of(0, 3, 4), gold)); // type differs
        assertEquals(-1, JnrfNetwork.goldCounterpart(EntitySpan.of(1, 12, 14), gold)); // no shared token
    }
}
