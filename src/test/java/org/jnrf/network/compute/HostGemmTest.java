package org.jnrf.network.compute;

import org.jnrf.network.layers.Init;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Products split over the host kernels' threads against ND4J's own: every layout the network passes (column-major,
 * row-major, row and column views, transposes), alpha and beta, both precisions, products small enough to run whole
 * and large enough to be split by columns or by rows.
 */
class HostGemmTest {
    private static final Kernels HOST = new HostKernels(2);
    private static ComputeThreads.Setting before;

    @BeforeAll
    static void twoProductThreads() {
        before = ComputeThreads.current();
        ComputeThreads.set(2);
    }

    @AfterAll
    static void restore() {
        ComputeThreads.restore(before);
    }

    private static INDArray rand(long seed, DataType type, long rows, long cols, char order) {
        return new Init(seed, type).normal(1.0, rows, cols, 'f').dup(order);
    }

    /** op(a) is m x k, op(b) is k x n. */
    private static void check(DataType type, int m, int n, int k, boolean transA, boolean transB, char orderA,
                              char orderB, double alpha, double beta) {
        INDArray a = transA ? rand(1, type, k, m, orderA) : rand(1, type, m, k, orderA);
        INDArray b = transB ? rand(2, type, n, k, orderB) : rand(2, type, k, n, orderB);
        INDArray c0 = rand(3, type, m, n, 'f');
        INDArray expected = c0.dup('f');
        Nd4j.gemm(a, b, expected, transA, transB, alpha, beta);
        INDArray actual = c0.dup('f');
        HOST.gemm(a, b, actual, transA, transB, alpha, beta);
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        double tolerance = (type == DataType.FLOAT ? 1e-4 : 1e-10) * Math.max(1, Math.sqrt(k));
        assertTrue(diff <= tolerance, m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB + " orders "
                + orderA + orderB + " " + type + ": max difference " + diff);
    }

    @ParameterizedTest
    @CsvSource({
            // whole (below the split size), split by columns (n >= m), split by rows (m > n)
            "3, 5, 7", "64, 48, 40", "300, 700, 200", "2048, 300, 96", "150, 6912, 64", "777, 129, 1000"})
    void matchesNd4jInEveryLayout(int m, int n, int k) {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean transA : new boolean[]{false, true}) {
                for (boolean transB : new boolean[]{false, true}) {
                    for (char orderA : new char[]{'f', 'c'}) {
                        for (char orderB : new char[]{'f', 'c'}) {
                            check(type, m, n, k, transA, transB, orderA, orderB, 1.0, 0.0);
                        }
                    }
                }
            }
            check(type, m, n, k, false, false, 'f', 'f', -0.5, 1.0);
            check(type, m, n, k, true, false, 'f', 'f', 2.0, 0.25);
        }
    }

    @Test
    void readsAndWritesViews() {
        // the relation head's case: row ranges and column ranges of larger matrices, output into a column block
        INDArray big = rand(4, DataType.FLOAT, 500, 900, 'f');
        INDArray rows = big.get(NDArrayIndex.interval(100, 400), NDArrayIndex.all());
        INDArray w = rand(5, DataType.FLOAT, 900, 1200, 'f');
        INDArray cols = w.get(NDArrayIndex.all(), NDArrayIndex.interval(300, 1000));
        INDArray out = Nd4j.zeros(DataType.FLOAT, 300 * 700 * 2, 1).reshape('f', 300, 1400);
        INDArray block = out.get(NDArrayIndex.all(), NDArrayIndex.interval(700, 1400));
        HOST.gemm(rows, cols, block, false, false, 1.0, 0.0);
        INDArray expected = rows.dup('f').mmul(cols.dup('f'));
        assertTrue(expected.sub(block).amaxNumber().doubleValue() < 1e-3, "view product");
        assertEquals(0.0, out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 700)).amaxNumber().doubleValue(),
                "nothing written outside the output block");
    }

    @Test
    void splitProductsEqualWholeOnes() {
        // each part is the same kernel over whole columns or rows: results are bit-identical to an undivided call
        INDArray a = rand(6, DataType.FLOAT, 1024, 768, 'f');
        INDArray b = rand(7, DataType.FLOAT, 768, 1536, 'f');
        INDArray split = Nd4j.create(DataType.FLOAT, new long[]{1024, 1536}, 'f');
        HOST.gemm(a, b, split, false, false, 1.0, 0.0);
        INDArray whole = Nd4j.create(DataType.FLOAT, new long[]{1024, 1536}, 'f');
        new HostKernels(1).gemm(a, b, whole, false, false, 1.0, 0.0);
        assertEquals(whole, split);
    }

    @Test
    void refusesMismatchedShapesAndUnsupportedTypes() {
        INDArray a = rand(8, DataType.FLOAT, 4, 5, 'f');
        INDArray c = Nd4j.create(DataType.FLOAT, new long[]{4, 4}, 'f');
        assertThrows(IllegalArgumentException.class, () -> HostGemm.gemm(a, a, c, false, false, 1, 0, 2,
                (n, body) -> { }));
        INDArray h = a.castTo(DataType.HALF);
        assertFalse(HostGemm.gemm(h, h, c.castTo(DataType.HALF), false, true, 1, 0, 2, (n, body) -> { }));
    }
}
