package org.jnrf.network;

import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.fourier.FourierMixers;
import org.jnrf.network.optimizer.Adam;
import org.jnrf.network.optimizer.GradientClipping;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network, Adam and clipping together drive the loss of a few synthetic documents to near zero. */
class MemorisationTest {

    private static TrainingExample synthetic(int doc, SplittableRandom r) {
        int n = 20 + r.nextInt(20);
        int[] ids = new int[n];
        int[] tags = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 4 + r.nextInt(40);
        }
        List<EntitySpan> entities = new ArrayList<>();
        List<RelationPair> relations = new ArrayList<>();
        // two drugs (id 1), one ADE (ids 2 2) related to the nearer drug, one dosage (id 3) related to the second
        int d0 = 2 + r.nextInt(4);
        int ade = d0 + 3;
        int d1 = ade + 5 + r.nextInt(4);
        int dose = d1 + 2;
        ids[d0] = 1;
        ids[d1] = 1;
        ids[ade] = 2;
        ids[ade + 1] = 2;
        ids[dose] = 3;
        tags[d0] = 1;
        tags[d1] = 1;
        tags[ade] = 3;
        tags[ade + 1] = 4;
        tags[dose] = 5;
        entities.add(EntitySpan.of(0, d0, d0 + 1));
        entities.add(EntitySpan.of(1, ade, ade + 2));
        entities.add(EntitySpan.of(0, d1, d1 + 1));
        entities.add(EntitySpan.of(2, dose, dose + 1));
        relations.add(new RelationPair(1, 0, 0));
        relations.add(new RelationPair(3, 2, 1));
        return new TrainingExample("doc-" + doc, ids, tags, entities, relations);
    }

    @org.junit.jupiter.api.BeforeAll
    static void singleThread() {
        ComputeThreads.set(1);
    }

    @Test
    void learnsFiveDocumentsToNearZeroLoss() {
        SplittableRandom r = new SplittableRandom(5);
        List<TrainingExample> docs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            docs.add(synthetic(i, r));
        }
        JnrfNetwork net = new JnrfNetwork(new NetworkConfig(48, 16, 16, 2, 2, true, 4, 8, DataType.FLOAT, 1),
                TestNetworks.labels(), FourierMixers.create("auto", 1));
        Adam adam = Adam.standard(net);
        Scratch scratch = net.newScratch();
        LossOptions options = LossOptions.defaults();
        double first = 0;
        double last = 0;
        for (int epoch = 0; epoch < 60; epoch++) {
            double sum = 0;
            for (TrainingExample ex : docs) {
                net.zeroGrads();
                sum += net.computeGradients(ex, options, scratch).total();
                GradientClipping.clipGlobalNorm(net.params(), 5);
                adam.update(3e-3);
            }
            if (epoch == 0) {
                first = sum / docs.size();
            }
            last = sum / docs.size();
        }
        assertTrue(first > 1, "initial loss " + first);
        assertTrue(last < 0.02, "final loss " + last);
        for (TrainingExample ex : docs) {
            NetworkPrediction p = net.predict(ex.tokenIds(), net.newScratch());
            assertEquals(4, p.entities().size(), ex.documentId());
            long related = p.relations().stream().filter(s -> s.probability() > 0.5).count();
            assertEquals(2, related, ex.documentId());
        }
    }
}
