package org.jnrf.network;

import org.jnrf.network.compute.HostKernels;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.fourier.JTransformsFourierMixer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One thread's scratch serves documents of changing length: after the longest document nothing more is allocated,
 * however many documents follow, and every prediction equals one made with fresh memory.
 */
class ScratchReuseTest {
    private static final int LONGEST = 300;

    @Test
    void documentsOfChangingLengthAllocateNothingAfterTheLongest() {
        NetworkConfig config = new NetworkConfig(40, 16, 16, 2, 2, true, 4, 8, DataType.FLOAT, 5);
        JnrfNetwork network = new JnrfNetwork(config, TestNetworks.labels(), new JTransformsFourierMixer(2),
                new HostKernels(2));
        Scratch reused = network.newScratch();
        Random random = new Random(3);
        predict(network, LONGEST, LONGEST / 10, random, reused);
        long afterLongest = reused.allocations();
        for (int doc = 0; doc < 40; doc++) {
            int length = 1 + random.nextInt(LONGEST);
            long seed = random.nextLong();
            NetworkPrediction a = predict(network, length, length / 10, new Random(seed), reused);
            NetworkPrediction b = predict(network, length, length / 10, new Random(seed), network.newScratch());
            assertEquals(afterLongest, reused.allocations(), "allocations after document " + doc + " (" + length
                    + " tokens)");
            for (int t = 0; t < length; t++) {
                assertArrayEquals(b.tagProbabilities()[t], a.tagProbabilities()[t], "token " + t);
            }
            assertEquals(b.relations(), a.relations());
        }
    }

    /** A random document with about {@code entities} entities of each kind, each one token long. */
    private static NetworkPrediction predict(JnrfNetwork network, int length, int entities, Random random,
                                             Scratch scratch) {
        int[] ids = random.ints(length, 0, 40).toArray();
        List<EntitySpan> spans = new ArrayList<>();
        for (int i = 0; i < length && spans.size() < 2 * entities; i += 2) {
            spans.add(EntitySpan.of(spans.size() % 3, i, i + 1)); // Drug, ADE, Dosage in turn
        }
        return network.predictWithEntities(ids, spans, scratch);
    }
}
