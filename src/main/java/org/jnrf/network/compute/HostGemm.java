package org.jnrf.network.compute;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrix products on the CPU backend, split over our own threads, each part a single-threaded OpenBLAS call on the
 * operands' memory. OpenBLAS's own worker threads keep spinning for a while after every product, and on a machine
 * with as many threads as cores they took cores from the FFT and the element-wise kernels that follow each product
 * (src/bench/java/FftAfterProduct.java). Our pool's threads park when they run out of work. The parts are blocks of
 * whole output columns (or rows), so every element is computed by the same kernel with the same summation order as
 * in an undivided call.
 */
final class HostGemm {
    /** Products below this many multiply-adds run on the calling thread: a task hand-off costs more. */
    static final long MIN_SPLIT = 1L << 22;
    /** Parts start at multiples of this (OpenBLAS's micro-kernels work on blocks of 4-16 rows or columns). */
    private static final int ALIGN = 64;

    interface Parts {
        /** Runs body(part) for part in [0, parts) and returns when all are done. */
        void run(int parts, java.util.function.IntConsumer body);
    }

    private HostGemm() {
    }

    /**
     * A matrix as BLAS sees it: column-major with a leading dimension, possibly transposed. Positions count from the
     * array's own address pointer, which for a view already points at its first element.
     */
    private record Operand(int ld, boolean transposed) {
        /** null when the array's layout cannot be passed to BLAS as is. */
        static Operand of(INDArray a, boolean transpose) {
            if (a.rank() != 2) {
                return null;
            }
            long rows = a.rows();
            long cols = a.columns();
            long s0 = a.stride(0);
            long s1 = a.stride(1);
            if (s0 == 1 || rows == 1) {
                long ld = cols == 1 ? Math.max(rows, 1) : s1;
                return ld >= Math.max(rows, 1) && ld <= Integer.MAX_VALUE
                        ? new Operand((int) ld, transpose) : null;
            }
            if (s1 == 1 || cols == 1) {
                // row-major storage is the transpose stored column-major
                long ld = s0;
                return ld >= Math.max(cols, 1) && ld <= Integer.MAX_VALUE
                        ? new Operand((int) ld, !transpose) : null;
            }
            return null;
        }

        /** Offset of element (r, c) of op(matrix). */
        long at(long r, long c) {
            return transposed ? c + r * ld : r + c * ld;
        }
    }

    /**
     * c = alpha op(a) op(b) + beta c when the backend, the operands' layout and type allow it (the CPU backend;
     * float or double, each stored column- or row-major, c column-major); false, having done nothing, when they do
     * not.
     */
    static boolean gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha,
                        double beta, int threads, Parts parts) {
        if (!ComputeBackend.isCpu()) {
            return false; // OpenBLAS's native library ships only with the CPU backend
        }
        DataType type = c.dataType();
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || a.dataType() != type || b.dataType() != type) {
            return false;
        }
        Operand oa = Operand.of(a, transA);
        Operand ob = Operand.of(b, transB);
        Operand oc = Operand.of(c, false);
        if (oa == null || ob == null || oc == null || oc.transposed) {
            return false;
        }
        long m = c.rows();
        long n = c.columns();
        long k = transA ? a.rows() : a.columns();
        if ((transA ? a.columns() : a.rows()) != m || (transB ? b.rows() : b.columns()) != n
                || (transB ? b.columns() : b.rows()) != k) {
            throw new IllegalArgumentException("product shapes do not match: " + shape(a, transA) + " x "
                    + shape(b, transB) + " -> " + shape(c, false));
        }
        if (m == 0 || n == 0) {
            return true;
        }
        ComputeThreads.useSingleThreadedBlas();
        Pointer pa = a.data().addressPointer();
        Pointer pb = b.data().addressPointer();
        Pointer pc = c.data().addressPointer();
        boolean splitColumns = n >= m;
        long extent = splitColumns ? n : m;
        int count = m * n * Math.max(k, 1) < MIN_SPLIT ? 1
                : (int) Math.max(1, Math.min(threads, extent / ALIGN));
        java.util.function.IntConsumer part = p -> {
            long from = extent * p / count / ALIGN * ALIGN;
            long to = p + 1 == count ? extent : extent * (p + 1) / count / ALIGN * ALIGN;
            if (to <= from) {
                return;
            }
            long r0 = splitColumns ? 0 : from;
            long c0 = splitColumns ? from : 0;
            int rows = (int) (splitColumns ? m : to - from);
            int cols = (int) (splitColumns ? to - from : n);
            call(type, oa, ob, oc, pa, pb, pc, rows, cols, (int) k, alpha, beta,
                    oa.at(r0, 0), ob.at(0, c0), oc.at(r0, c0));
        };
        if (count == 1) {
            part.accept(0);
        } else {
            parts.run(count, part);
        }
        return true;
    }

    private static void call(DataType type, Operand a, Operand b, Operand c, Pointer pa, Pointer pb, Pointer pc,
                             int m, int n, int k, double alpha, double beta, long offA, long offB, long offC) {
        int ta = a.transposed ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = b.transposed ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (type == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasColMajor, ta, tb, m, n, k, (float) alpha,
                    new FloatPointer(pa).position(offA), a.ld, new FloatPointer(pb).position(offB), b.ld,
                    (float) beta, new FloatPointer(pc).position(offC), c.ld);
        } else {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasColMajor, ta, tb, m, n, k, alpha,
                    new DoublePointer(pa).position(offA), a.ld, new DoublePointer(pb).position(offB), b.ld,
                    beta, new DoublePointer(pc).position(offC), c.ld);
        }
    }

    private static String shape(INDArray a, boolean transposed) {
        return transposed ? a.columns() + "x" + a.rows() : a.rows() + "x" + a.columns();
    }
}
