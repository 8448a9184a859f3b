package org.jnrf.network.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Bulk copies between ND4J arrays of the CPU backend and Java arrays (one memcpy each way), for arrays whose storage
 * is one contiguous block in their order ('f' order throughout the network). Public for the host paths outside this
 * package: the embedding, context window, span pooling, the Fourier mixer and the row-sparse Adam update.
 */
public final class HostMemory {
    private HostMemory() {
    }

    /** Whether the array can be read and written as one block of float values. */
    public static boolean plainFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT && !a.isView() && a.length() == a.data().length()
                && (a.ordering() == 'f' || a.rank() < 2 || a.rows() == 1 || a.columns() == 1);
    }

    /** Float data in one block in the array's own order (any order). */
    public static boolean contiguousFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT && !a.isView() && a.length() == a.data().length();
    }

    /**
     * The array's storage as a float buffer (native order), for copying blocks with the absolute bulk get and put,
     * which are safe to use from several threads at once.
     */
    public static FloatBuffer view(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    public static float[] read(INDArray a, float[] into) {
        int n = (int) a.length();
        float[] out = into != null && into.length >= n ? into : new float[n];
        view(a).get(out, 0, n);
        return out;
    }

    public static void write(float[] from, INDArray a) {
        view(a).put(from, 0, (int) a.length());
    }

    /** Rows written at a time by {@link #writeRowMajor}: a block's columns are short runs that stay in cache. */
    private static final int ROW_BLOCK = 64;

    /**
     * Writes a row-major (rows x cols) matrix into the column-major ('f') array {@code a} of that shape, a block of
     * rows at a time, so that each column receives contiguous runs.
     */
    public static void writeRowMajor(float[] rowMajor, int rows, int cols, INDArray a) {
        FloatBuffer out = view(a);
        float[] run = new float[ROW_BLOCK];
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int n = Math.min(ROW_BLOCK, rows - r0);
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < n; r++) {
                    run[r] = rowMajor[(r0 + r) * cols + c];
                }
                out.put(c * rows + r0, run, 0, n);
            }
        }
    }
}
