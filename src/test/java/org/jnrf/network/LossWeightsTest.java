package org.jnrf.network;

import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.fourier.FourierMixers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tagging loss over a span of the document only, and with weighed tags. */
class LossWeightsTest {
    @BeforeAll
    static void singleThread() {
        ComputeThreads.set(1);
    }

    @Test
    void theLossOfASpanAndOfWeighedTagsIsTheirWeightedMean() {
        TrainingExample ex = TestNetworks.example();
        JnrfNetwork net = new JnrfNetwork(TestNetworks.config(DataType.DOUBLE, 13, 8, 5), TestNetworks.labels(),
                FourierMixers.create("auto", 1));
        Scratch scratch = net.newScratch();
        double[][] p = net.encode(ex.tokenIds(), null, scratch).tagProbabilities();
        double[] tagWeights = new double[TestNetworks.labels().tagCount()];
        java.util.Arrays.fill(tagWeights, 1);
        tagWeights[BioScheme.begin(2)] = 7; // the one Dosage token, at 8
        LossOptions plain = new LossOptions(null, false, 1.0);
        LossOptions span = plain.withLossSpan(new TokenRange(4, 8));
        LossOptions weighed = new LossOptions(null, false, 1.0, null, tagWeights, null);
        double spanLoss = 0;
        for (int t = 4; t < 8; t++) {
            spanLoss -= Math.log(p[t][ex.bioTags()[t]]) / 4;
        }
        double weighedLoss = 0;
        for (int t = 0; t < 12; t++) {
            weighedLoss -= (t == 8 ? 7 : 1) * Math.log(p[t][ex.bioTags()[t]]) / 18;
        }
        assertEquals(spanLoss, net.loss(ex, span, scratch).tagging(), 1e-9);
        assertEquals(weighedLoss, net.loss(ex, weighed, scratch).tagging(), 1e-9);
        // the relation loss of the span: only the ADE modifier (token 5) starts there, its pairs with both drugs
        double relationAll = net.loss(ex, plain, scratch).relation();
        double relationSpan = net.loss(ex, span, scratch).relation();
        assertEquals(relationSpan, net.loss(ex, plain.withLossSpan(new TokenRange(5, 6)), scratch).relation(), 1e-12);
        org.junit.jupiter.api.Assertions.assertNotEquals(relationAll, relationSpan, 1e-9);
    }
}
