package org.jnrf.network.layers;

import org.jnrf.network.compute.HostKernels;
import org.jnrf.network.compute.Nd4jKernels;
import org.jnrf.network.compute.Scratch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowProjectionTest {
    private static final int VOCABULARY = 40;
    private static final int DIM = 12;
    private static final int OUT = 24;

    /** The per-distinct-token products equal the window then the layer, repeated tokens and document edges included. */
    @ParameterizedTest
    @CsvSource({"0, 1", "0, 50", "1, 1", "1, 2", "2, 3", "4, 1", "4, 5", "4, 9", "4, 300", "3, 257"})
    void equalsTheWindowThenTheLayer(int w, int length) {
        Init init = new Init(7 + w, DataType.FLOAT);
        Embedding embedding = new Embedding("e", VOCABULARY, DIM, init);
        Linear first = new Linear("lin", ContextWindow.width(DIM, w), OUT, init);
        Random random = new Random(length);
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = random.nextInt(VOCABULARY / 3) * 3; // a third of the vocabulary, so tokens repeat
        }
        Scratch reference = new Scratch(DataType.FLOAT, new HostKernels(2));
        INDArray window = ContextWindow.forward(embedding.forward(ids, reference.cache("e")), w,
                reference.cache("w"));
        float[] expected = first.forward(window, reference.cache("lin")).dup('c').data().asFloat();

        Scratch scratch = new Scratch(DataType.FLOAT, new HostKernels(2));
        assertTrue(WindowProjection.applies(embedding, first, scratch.cache("p")));
        INDArray y = WindowProjection.forward(ids, embedding, first, w, scratch.cache("p"));
        assertEquals(length, y.rows());
        assertEquals(OUT, y.columns());
        assertArrayEquals(expected, y.dup('c').data().asFloat(), 1e-5f);
        // a second, shorter document through the same scratch gives its own result
        int[] shorter = java.util.Arrays.copyOf(ids, Math.max(1, length / 2));
        INDArray again = WindowProjection.forward(shorter, embedding, first, w, scratch.cache("p"));
        Scratch fresh = new Scratch(DataType.FLOAT, new HostKernels(1));
        assertArrayEquals(first.forward(ContextWindow.forward(embedding.forward(shorter, fresh.cache("e")), w,
                        fresh.cache("w")), fresh.cache("lin")).dup('c').data().asFloat(),
                again.dup('c').data().asFloat(), 1e-5f);
    }

    @Test
    void needsTheHostKernels() {
        Init init = new Init(1, DataType.FLOAT);
        Embedding embedding = new Embedding("e", VOCABULARY, DIM, init);
        Linear first = new Linear("lin", ContextWindow.width(DIM, 1), OUT, init);
        assertFalse(WindowProjection.applies(embedding, first,
                new Scratch(DataType.FLOAT, Nd4jKernels.INSTANCE).cache("p")));
        Linear doubled = new Linear("lin", ContextWindow.width(DIM, 1), OUT, new Init(1, DataType.DOUBLE));
        assertFalse(WindowProjection.applies(embedding, doubled,
                new Scratch(DataType.FLOAT, new HostKernels(1)).cache("p")));
    }
}
