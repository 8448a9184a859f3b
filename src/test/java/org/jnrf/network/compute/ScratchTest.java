package org.jnrf.network.compute;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScratchTest {

    /** A host path's Java arrays are reused while long enough, grow when not, count in bytes and go with clear. */
    @Test
    void hostArraysAreReusedPerNameUntilCleared() {
        Scratch scratch = new Scratch(DataType.FLOAT, new HostKernels(1));
        Cache cache = scratch.cache("layer");
        float[] first = cache.floats("rows", 1000);
        assertEquals(1000, first.length);
        assertTrue(first == cache.floats("rows", 10), "a shorter request takes the same array");
        assertFalse(first == cache.child("other").floats("rows", 10), "another name, another array");
        int[] ids = cache.ints("rows", 50);
        float[] grown = cache.floats("rows", 1001);
        assertEquals(1001, grown.length);
        assertTrue(grown == cache.floats("rows", 1000));
        assertEquals(4L * (1001 + 10 + 50), scratch.bytes());
        assertTrue(ids == cache.ints("rows", 50));
        scratch.clear();
        assertEquals(0, scratch.bytes());
        assertFalse(grown == cache.floats("rows", 10), "cleared");
    }

    @Test
    void shorterShapesReuseTheLongestBlock() {
        Scratch scratch = new Scratch(DataType.FLOAT, new HostKernels(1));
        INDArray longest = scratch.buffer("x", 500, 16);
        assertEquals(1, scratch.allocations());
        for (int rows = 1; rows < 500; rows += 37) {
            for (int cols : new int[]{16, 3, 8}) {
                INDArray b = scratch.buffer("x", rows, cols);
                assertArrayEquals(new long[]{rows, cols}, b.shape());
                assertEquals('f', b.ordering());
                assertTrue(HostMemory.plainFloat(b), rows + "x" + cols);
                assertEquals(longest.data().address(), b.data().address(), "the same memory");
            }
        }
        assertEquals(1, scratch.allocations());
        assertEquals(500L * 16 * 4, scratch.bytes());
    }

    @Test
    void aLengtheningBatchAllocatesLogarithmicallyOften() {
        Scratch scratch = new Scratch(DataType.FLOAT);
        for (int rows = 100; rows <= 10_000; rows += 10) {
            scratch.buffer("x", rows, 8);
        }
        // growth by a quarter: about log(100) / log(1.25) = 21 blocks for 991 lengths
        assertTrue(scratch.allocations() <= 22, scratch.allocations() + " allocations");
    }

    @Test
    void aLongNotesBlockKeepsAboutItsExactSize() {
        Scratch scratch = new Scratch(DataType.FLOAT);
        scratch.buffer("x", 20_000, 256);
        scratch.buffer("x", 20_100, 256);
        // growth by a quarter would reserve 6.4 M values; the headroom is capped at 1 M
        assertEquals((20_100L * 256 + (1 << 20)) * 4, scratch.bytes());
    }

    @Test
    void aBufferOverALargerBlockBehavesAsAPlainMatrix() {
        Scratch scratch = new Scratch(DataType.FLOAT);
        scratch.buffer("x", 50, 10);
        INDArray b = scratch.buffer("x", 7, 3);
        float[] values = new float[21];
        for (int i = 0; i < 21; i++) {
            values[i] = i + 1;
        }
        b.assign(org.nd4j.linalg.factory.Nd4j.create(values, new long[]{7, 3}, 'f'));
        assertEquals(21f * 22 / 2, b.sumNumber().floatValue(), 1e-4);
        assertEquals(8f, b.getFloat(0, 1));
        float[] host = HostMemory.read(b, null);
        assertEquals(21, host.length);
        assertEquals(21f, host[20]);
        assertFalse(b.isView());
        assertEquals(21, b.data().length());
    }

    @Test
    void clearGivesTheMemoryBack() {
        Scratch scratch = new Scratch(DataType.FLOAT);
        scratch.buffer("x", 40, 4);
        scratch.clear();
        assertEquals(0, scratch.bytes());
        scratch.buffer("x", 10, 4);
        assertEquals(2, scratch.allocations());
    }
}
