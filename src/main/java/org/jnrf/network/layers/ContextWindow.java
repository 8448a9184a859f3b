package org.jnrf.network.layers;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.compute.HostMemory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Concatenates each token's vector with those of its {@code w} neighbours on each side (zeros beyond the document):
 * row i of the output is [x(i-w), ..., x(i), ..., x(i+w)], width (2w+1) D. The Fourier layers mix globally and the
 * feed-forwards act per token, so without this nothing in the network sees "the word before" directly; entity
 * boundaries (where a phrase starts and stops) depend on exactly that. w = 0 is the identity (the reference network).
 */
public final class ContextWindow {
    private ContextWindow() {
    }

    public static int width(int dimension, int w) {
        return dimension * (2 * w + 1);
    }

    public static INDArray forward(INDArray x, int w, Cache cache) {
        if (w == 0) {
            return x;
        }
        int l = Math.toIntExact(x.rows());
        int d = Math.toIntExact(x.columns());
        INDArray y = cache.buffer("y", l, width(d, w));
        if (HostMemory.plainFloat(x) && HostMemory.plainFloat(y)) {
            float[] in = HostMemory.read(x, null);
            float[] out = new float[l * width(d, w)];
            // 'f' order: column c of x is in[c*l .. c*l+l); block j of y holds x shifted by (j - w) rows
            for (int j = 0; j <= 2 * w; j++) {
                int shift = j - w;
                int from = Math.max(0, -shift);
                int to = Math.min(l, l - shift);
                for (int c = 0; c < d; c++) {
                    if (to > from) {
                        System.arraycopy(in, c * l + from + shift, out, (j * d + c) * l + from, to - from);
                    }
                }
            }
            HostMemory.write(out, y);
            return y;
        }
        y.assign(0);
        for (int j = 0; j <= 2 * w; j++) {
            int shift = j - w;
            int from = Math.max(0, -shift);
            int to = Math.min(l, l - shift);
            if (to > from) {
                y.get(NDArrayIndex.interval(from, to), NDArrayIndex.interval((long) j * d, (long) (j + 1) * d))
                        .assign(x.get(NDArrayIndex.interval(from + shift, to + shift), NDArrayIndex.all()));
            }
        }
        return y;
    }

    /** dx(i) = sum over j of dy(i - (j - w)) block j. */
    public static INDArray backward(INDArray dy, int w, Cache cache) {
        if (w == 0) {
            return dy;
        }
        int l = Math.toIntExact(dy.rows());
        int d = Math.toIntExact(dy.columns()) / (2 * w + 1);
        INDArray dx = cache.gradBuffer("dx", l, d);
        if (HostMemory.plainFloat(dy) && HostMemory.plainFloat(dx)) {
            float[] g = HostMemory.read(dy, null);
            float[] out = new float[l * d];
            for (int j = 0; j <= 2 * w; j++) {
                int shift = j - w;
                int from = Math.max(0, -shift);
                int to = Math.min(l, l - shift);
                for (int c = 0; c < d; c++) {
                    int src = (j * d + c) * l;
                    int dst = c * l + shift;
                    for (int i = from; i < to; i++) {
                        out[dst + i] += g[src + i];
                    }
                }
            }
            HostMemory.write(out, dx);
            return dx;
        }
        dx.assign(0);
        for (int j = 0; j <= 2 * w; j++) {
            int shift = j - w;
            int from = Math.max(0, -shift);
            int to = Math.min(l, l - shift);
            if (to > from) {
                dx.get(NDArrayIndex.interval(from + shift, to + shift), NDArrayIndex.all())
                        .addi(dy.get(NDArrayIndex.interval(from, to),
                                NDArrayIndex.interval((long) j * d, (long) (j + 1) * d)));
            }
        }
        return dx;
    }
}
