package org.jnrf.network;

import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.fourier.FourierMixers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Scoring a document's relation pairs in blocks of anchors gives every pair exactly its one-shot probabilities. */
class PairScorerTest {
    @BeforeAll
    static void singleThread() {
        ComputeThreads.set(1);
    }

    @Test
    void blocksOfAnchorsScoreEveryPairAsOneBlockDoes() {
        // pair features on: the nearest anchor and the anchors between must be counted over all anchors, not a block
        NetworkConfig config = new NetworkConfig(50, 8, 16, 1, 2, true, 4, 8, DataType.FLOAT, 3, 1, true);
        JnrfNetwork net = new JnrfNetwork(config, TestNetworks.labels(), FourierMixers.create("auto", 1));
        // both start at zero: give the distance and pair-feature weights values, so that wrong features show
        net.paramsByName().get("relation.distance").value().assign(org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 3, 3));
        net.paramsByName().get("relation.rank").value().assign(org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 3, 3));
        SplittableRandom random = new SplittableRandom(11);
        int length = 160;
        int[] ids = new int[length];
        int[] lines = new int[length];
        List<EntitySpan> entities = new ArrayList<>();
        for (int t = 0; t < length; t++) {
            ids[t] = random.nextInt(50);
            lines[t] = t / 9;
            if (t % 2 == 0) {
                entities.add(EntitySpan.of(random.nextInt(4), t, t + 1)); // Drug anchors, ADE/Dosage modifiers, Form
            }
        }
        PairScorer scorer = net.pairScorer(net.encode(ids, lines, net.newScratch()), entities);
        int m = scorer.modifierCount();
        int a = scorer.anchorCount();
        double[][] whole = scorer.probabilities(0, a);
        assertEquals(m * a, whole.length);
        for (int block : new int[]{1, 4, 7}) {
            for (int from = 0; from < a; from += block) {
                int to = Math.min(a, from + block);
                double[][] part = scorer.probabilities(from, to);
                assertEquals(m * (to - from), part.length);
                for (int j = from; j < to; j++) {
                    for (int i = 0; i < m; i++) {
                        assertArrayEquals(whole[i + j * m], part[i + (j - from) * m],
                                "modifier " + i + ", anchor " + j + ", blocks of " + block);
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> scorer.probabilities(3, 3));
    }

    @Test
    void aBlockHoldsAboutBlockPairsPairsAndAtLeastOneAnchor() {
        NetworkConfig config = new NetworkConfig(50, 8, 16, 1, 2, true, 4, 8, DataType.FLOAT, 3);
        JnrfNetwork net = new JnrfNetwork(config, TestNetworks.labels(), FourierMixers.create("auto", 1));
        int[] ids = new int[6];
        List<EntitySpan> entities = List.of(EntitySpan.of(1, 0, 1), EntitySpan.of(0, 2, 3), EntitySpan.of(2, 4, 5));
        PairScorer scorer = net.pairScorer(net.encode(ids, null, net.newScratch()), entities);
        assertEquals(PairScorer.BLOCK_PAIRS / 2, scorer.anchorsPerBlock());
        assertEquals(List.of(0, 2), List.of(scorer.modifier(0), scorer.modifier(1)));
        assertEquals(1, scorer.anchor(0));
    }
}
