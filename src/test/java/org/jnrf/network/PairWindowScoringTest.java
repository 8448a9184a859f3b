package org.jnrf.network;

import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.fourier.FourierMixers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pair window scores exactly the pairs inside it, each as scoring all pairs does, and the same pairs get relation
 * loss in training.
 */
class PairWindowScoringTest {
    @BeforeAll
    static void singleThread() {
        ComputeThreads.set(1);
    }

    private static JnrfNetwork network() {
        NetworkConfig config = new NetworkConfig(50, 8, 16, 1, 2, true, 4, 8, DataType.FLOAT, 3, 1, true);
        JnrfNetwork net = new JnrfNetwork(config, TestNetworks.labels(), FourierMixers.create("auto", 1));
        net.paramsByName().get("relation.distance").value().assign(Nd4j.rand(DataType.FLOAT, 3, 3));
        net.paramsByName().get("relation.rank").value().assign(Nd4j.rand(DataType.FLOAT, 3, 3));
        return net;
    }

    @Test
    void theWindowScoresItsPairsAsScoringAllPairsDoes() {
        JnrfNetwork net = network();
        SplittableRandom random = new SplittableRandom(5);
        int length = 400;
        int[] ids = new int[length];
        int[] lines = new int[length];
        List<EntitySpan> entities = new ArrayList<>();
        for (int t = 0; t < length; t++) {
            ids[t] = random.nextInt(50);
            lines[t] = t / 13;
            if (random.nextInt(3) == 0) {
                entities.add(EntitySpan.of(random.nextInt(4), t, t + 1));
            }
        }
        java.util.Collections.shuffle(entities, new java.util.Random(2)); // not in text order
        PairWindow window = new PairWindow(1, 20);
        Scratch scratch = net.newScratch();
        JnrfNetwork.EncodedDocument doc = net.encode(ids, lines, scratch);
        // all pairs scored in text order (where equally near anchors break ties as the window's sorted lists do)
        List<Integer> textOrder = new ArrayList<>();
        for (int e = 0; e < entities.size(); e++) {
            textOrder.add(e);
        }
        textOrder.sort(java.util.Comparator.comparingInt(e -> entities.get(e).firstToken()));
        Map<List<Integer>, double[]> all = new HashMap<>();
        for (PairProbabilities p : net.relationProbabilities(doc, textOrder.stream().map(entities::get).toList())) {
            all.put(List.of(textOrder.get(p.modifier()), textOrder.get(p.anchor())), p.classProbabilities());
        }
        PairScorer scorer = net.pairScorer(doc, entities, window);
        Set<List<Integer>> decided = new HashSet<>();
        long scored = 0;
        for (PairScorer.Block block : scorer.blocks()) {
            double[][] p = scorer.probabilities(block);
            scored += p.length;
            for (int k = 0; k < p.length; k++) {
                int i = block.modifierOf(k);
                int j = block.anchorOf(k);
                if (!scorer.candidate(i, j)) {
                    continue;
                }
                List<Integer> pair = List.of(scorer.modifier(i), scorer.anchor(j));
                assertTrue(decided.add(pair), "pair " + pair + " scored twice");
                double[] expected = all.get(pair);
                for (int c = 0; c < expected.length; c++) {
                    assertEquals(expected[c], p[k][c], 1e-6, "pair " + pair + ", class " + c);
                }
            }
        }
        Set<List<Integer>> inside = new HashSet<>();
        for (List<Integer> pair : all.keySet()) {
            if (window.contains(entities.get(pair.get(0)).firstToken(), entities.get(pair.get(1)).firstToken(), lines)) {
                inside.add(pair);
            }
        }
        assertEquals(inside, decided);
        assertTrue(inside.size() < all.size() / 4, inside.size() + " of " + all.size());
        assertTrue(scored <= 2L * inside.size() + 256L * scorer.blocks().size(), scored + " scored");
    }

    @Test
    void trainingGivesRelationLossOnlyToThePairsInsideTheWindow() {
        TrainingExample ex = TestNetworks.example(); // Drug 2, ADE 5 (-> Drug 2), Dosage 8 (-> Drug 10), Drug 10
        JnrfNetwork net = network();
        Scratch scratch = net.newScratch();
        LossOptions all = new LossOptions(null, false, 1.0);
        // a window of 3 tokens keeps (ADE, Drug 2) and (Dosage, Drug 10) only
        LossOptions windowed = new LossOptions(null, false, 1.0, new PairWindow(0, 3), null, null);
        double allPairs = net.loss(ex, all, scratch).relation();
        double inside = net.loss(ex, windowed, scratch).relation();
        assertTrue(Math.abs(allPairs - inside) > 1e-6, allPairs + " vs " + inside);
        // the mean cross entropy of the two kept pairs, as prediction scores them
        Map<List<Integer>, double[]> p = new HashMap<>();
        for (PairProbabilities pp : net.relationProbabilities(net.encode(ex.tokenIds(), null, scratch),
                ex.entities())) {
            p.put(List.of(pp.modifier(), pp.anchor()), pp.classProbabilities());
        }
        double expected = -(Math.log(p.get(List.of(1, 0))[1]) + Math.log(p.get(List.of(2, 3))[2])) / 2;
        assertEquals(expected, inside, 1e-5);
    }
}
