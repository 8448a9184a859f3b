package org.jnrf.network.layers;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.compute.HostKernels;
import org.jnrf.network.compute.HostMemory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * Inference form of the input MLP's first layer over the context window of embeddings, y(i) = [e(i-w), ..., e(i+w)]
 * W + b. The product is linear in each window block, so y(i) = b + sum over j of e(id(i+j-w)) W_j, W_j the j-th block
 * of D rows of W; the products e(t) W_j are taken once per distinct token t of the document. A document of L tokens
 * with U distinct ones then costs U D (2w+1) H multiply-adds instead of L D (2w+1) H, and the L x (2w+1) D window is
 * never built: on long notes most tokens repeat, so most of the input layer's products go. The result equals
 * {@link ContextWindow} then {@link Linear} up to the order of float sums. Host memory only; training keeps the
 * window, whose gradient the embedding needs.
 */
public final class WindowProjection {
    /** Positions summed at a time: their rows stay in cache while the window's blocks are added. */
    private static final int POSITIONS = 128;

    private WindowProjection() {
    }

    /** Whether {@link #forward} can run here: the host kernels and plain float memory. */
    public static boolean applies(Embedding embedding, Linear first, Cache cache) {
        INDArray w = first.weight();
        return cache.kernels() instanceof HostKernels && HostMemory.plainFloat(w)
                && HostMemory.plainFloat(first.bias().value()) && embedding.dimension() > 0
                && w.rows() % embedding.dimension() == 0;
    }

    /**
     * The first layer's output (with its bias) for the tokens {@code ids}, window {@code w} on each side (zeros
     * beyond the document), in the cache's buffer "y" (ids.length x out, 'f' order).
     */
    public static INDArray forward(int[] ids, Embedding embedding, Linear first, int w, Cache cache) {
        int l = ids.length;
        int d = embedding.dimension();
        int h = first.out();
        int blocks = 2 * w + 1;
        if (first.in() != blocks * d) {
            throw new IllegalArgumentException("a window of " + blocks + " embeddings of " + d + " does not match the"
                    + " layer's input of " + first.in());
        }
        int[] distinct = Arrays.stream(ids).distinct().sorted().toArray();
        int u = distinct.length;
        INDArray e = embedding.forward(distinct, cache.child("distinct")); // u x d
        // products(:, j u + t) = W_j^T e(distinct[t]): each token's h values of block j are adjacent
        INDArray products = cache.buffer("products", h, (long) blocks * u);
        INDArray weight = first.weight();
        for (int j = 0; j < blocks; j++) {
            INDArray wj = weight.get(NDArrayIndex.interval((long) j * d, (long) (j + 1) * d), NDArrayIndex.all());
            INDArray pj = products.get(NDArrayIndex.all(), NDArrayIndex.interval((long) j * u, (long) (j + 1) * u));
            cache.kernels().gemm(wj, e, pj, true, true, 1.0, 0.0);
        }
        float[] p = HostMemory.read(products, cache.floats("products", h * blocks * u));
        float[] bias = HostMemory.read(first.bias().value(), cache.floats("bias", h));
        int[] row = cache.ints("distinctIndex", l);
        for (int i = 0; i < l; i++) {
            row[i] = Arrays.binarySearch(distinct, ids[i]);
        }
        // rows of y one after the other (row-major), each the bias plus its window's blocks, then written 'f'
        float[] rows = cache.floats("rows", l * h);
        for (int i0 = 0; i0 < l; i0 += POSITIONS) {
            int i1 = Math.min(l, i0 + POSITIONS);
            for (int i = i0; i < i1; i++) {
                System.arraycopy(bias, 0, rows, i * h, h);
            }
            for (int j = 0; j < blocks; j++) {
                int from = Math.max(i0, w - j);
                int to = Math.min(i1, l + w - j);
                int block = j * u;
                for (int i = from; i < to; i++) {
                    int src = (block + row[i + j - w]) * h;
                    int dst = i * h;
                    for (int c = 0; c < h; c++) {
                        rows[dst + c] += p[src + c];
                    }
                }
            }
        }
        INDArray y = cache.buffer("y", l, h);
        HostMemory.writeRowMajor(rows, l, h, y);
        return y;
    }
}
