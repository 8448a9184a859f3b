package org.jnrf.network.layers;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.compute.HostKernels;
import org.jnrf.network.compute.HostMemory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * Token embedding table (vocabulary x dimension, 'c' order so a row is contiguous). The lookup copies rows straight
 * out of the table's memory on the CPU backend (one pullRows op otherwise);
 * the gradient is accumulated per distinct token id into a compact (touched rows x dimension) matrix, so a step costs
 * O(document) and not O(vocabulary). A pretrained matrix can be given as the initial value, frozen or trainable.
 */
public final class Embedding {
    private final Param table;

    public Embedding(String name, int vocabularySize, int dimension, Init init) {
        this.table = Param.rowSparse(name + ".table", init.normal(1.0, vocabularySize, dimension, 'c'), true);
    }

    /** Uses a copy of {@code pretrained} (vocabulary x dimension) as the table. */
    public Embedding(String name, INDArray pretrained, boolean trainable) {
        this(Param.rowSparse(name + ".table", pretrained.dup('c'), trainable));
    }

    private Embedding(Param table) {
        this.table = table;
    }

    /** A table whose parameter is named {@code paramName} exactly (no suffix), holding a copy of {@code initial}. */
    public static Embedding named(String paramName, INDArray initial, boolean trainable) {
        return new Embedding(Param.rowSparse(paramName, initial.dup('c'), trainable));
    }

    public List<Param> params() {
        return List.of(table);
    }

    public int vocabularySize() {
        return (int) table.value().rows();
    }

    public int dimension() {
        return (int) table.value().columns();
    }

    public INDArray forward(int[] ids, Cache cache) {
        int v = vocabularySize();
        for (int id : ids) {
            if (id < 0 || id >= v) {
                throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + v);
            }
        }
        cache.keep("ids", ids);
        INDArray out = cache.buffer("y", ids.length, dimension());
        if (cache.kernels() instanceof HostKernels && HostMemory.contiguousFloat(table.value())
                && table.value().ordering() == 'c' && HostMemory.plainFloat(out)) {
            hostLookup(table.value(), ids, out);
        } else {
            out.assign(Nd4j.pullRows(table.value(), 1, ids, 'f'));
        }
        return out;
    }

    /** Positions taken together: their rows are copied out, then transposed into contiguous runs of the output. */
    private static final int POSITIONS = 64;

    /** The rows of ids into out (L x d, column-major), read straight from the table's memory. */
    private static void hostLookup(INDArray table, int[] ids, INDArray out) {
        int l = ids.length;
        int d = (int) table.columns();
        java.nio.FloatBuffer t = HostMemory.view(table);
        float[] o = new float[l * d];
        float[] rows = new float[POSITIONS * d];
        for (int p0 = 0; p0 < l; p0 += POSITIONS) {
            int n = Math.min(POSITIONS, l - p0);
            for (int j = 0; j < n; j++) {
                t.get(ids[p0 + j] * d, rows, j * d, d);
            }
            for (int k = 0; k < d; k++) {
                int col = k * l + p0;
                for (int j = 0; j < n; j++) {
                    o[col + j] = rows[j * d + k];
                }
            }
        }
        HostMemory.write(o, out);
    }

    public void backward(INDArray dy, Cache cache) {
        if (!table.isTrainable()) {
            return;
        }
        int[] ids = cache.kept("ids");
        int[] rows = Arrays.stream(ids).distinct().sorted().toArray();
        int d = dimension();
        // the gradient leaves the device once per step (L x d), like the ids entered it
        int[] slot = new int[ids.length];
        for (int pos = 0; pos < ids.length; pos++) {
            slot[pos] = Arrays.binarySearch(rows, ids[pos]);
        }
        INDArray compact;
        if (cache.kernels() instanceof HostKernels && HostMemory.plainFloat(dy)) {
            float[] g = HostMemory.read(dy, null); // column-major: (pos, k) at k L + pos
            float[] acc = new float[rows.length * d];
            int l = ids.length;
            // a block of positions at a time: their accumulator rows stay in cache while every column is added
            for (int p0 = 0; p0 < l; p0 += POSITIONS) {
                int p1 = Math.min(l, p0 + POSITIONS);
                for (int k = 0; k < d; k++) {
                    int col = k * l;
                    for (int pos = p0; pos < p1; pos++) {
                        acc[slot[pos] * d + k] += g[col + pos];
                    }
                }
            }
            compact = Nd4j.create(acc, new long[]{rows.length, d}, 'c');
        } else {
            double[] g = dy.dup('c').data().asDouble();
            double[] acc = new double[rows.length * d];
            for (int pos = 0; pos < ids.length; pos++) {
                int src = pos * d;
                int dst = slot[pos] * d;
                for (int k = 0; k < d; k++) {
                    acc[dst + k] += g[src + k];
                }
            }
            compact = Nd4j.create(acc, new long[]{rows.length, d}, 'c').castTo(table.value().dataType());
        }
        if (table.rowGrad() != null) {
            // merge with an earlier backward in the same step
            compact = merge(table.touchedRows(), table.rowGrad(), rows, compact);
            rows = mergedRows(table.touchedRows(), rows);
        }
        table.setRowGrad(rows, compact);
    }

    private static int[] mergedRows(int[] a, int[] b) {
        return java.util.stream.IntStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().sorted().toArray();
    }

    private static INDArray merge(int[] rowsA, INDArray gradA, int[] rowsB, INDArray gradB) {
        int[] rows = mergedRows(rowsA, rowsB);
        INDArray out = Nd4j.create(gradA.dataType(), rows.length, gradA.columns());
        for (int i = 0; i < rowsA.length; i++) {
            out.getRow(Arrays.binarySearch(rows, rowsA[i])).addi(gradA.getRow(i));
        }
        for (int i = 0; i < rowsB.length; i++) {
            out.getRow(Arrays.binarySearch(rows, rowsB[i])).addi(gradB.getRow(i));
        }
        return out;
    }
}
