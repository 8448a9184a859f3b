package org.jnrf.network;

import org.jnrf.network.compute.HostKernels;
import org.jnrf.network.compute.Nd4jKernels;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.fourier.JTransformsFourierMixer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prediction with a context window on the host kernels takes the input layer once per distinct piece: it never
 * builds the L x (2w+1)E window, and it predicts what the same network predicts through the window (ND4J kernels).
 */
class WindowProjectionPathTest {
    private static final int EMBEDDING = 64;
    private static final int WINDOW = 4;

    @Test
    void predictionSkipsTheWindowAndAgreesWithIt() {
        NetworkConfig config = new NetworkConfig(50, EMBEDDING, 8, 1, 2, true, 4, 8, DataType.FLOAT, 11, WINDOW,
                false);
        JnrfNetwork host = new JnrfNetwork(config, TestNetworks.labels(), new JTransformsFourierMixer(1),
                new HostKernels(1));
        JnrfNetwork nd4j = new JnrfNetwork(config, TestNetworks.labels(), new JTransformsFourierMixer(1),
                Nd4jKernels.INSTANCE);
        int length = 1000;
        int[] ids = new Random(2).ints(length, 0, 50).toArray();
        Scratch scratch = host.newScratch();
        NetworkPrediction fast = host.predict(ids, scratch);
        long window = (long) length * (2 * WINDOW + 1) * EMBEDDING * Float.BYTES;
        assertTrue(scratch.bytes() < window, scratch.bytes() + " bytes of scratch; the window alone is " + window);
        NetworkPrediction reference = nd4j.predict(ids, nd4j.newScratch());
        for (int t = 0; t < length; t++) {
            assertArrayEquals(reference.tagProbabilities()[t], fast.tagProbabilities()[t], 1e-4f, "token " + t);
        }
    }
}
