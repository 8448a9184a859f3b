package org.jnrf.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/**
 * Mean over the tokens of each span (all fragments of a discontinuous span together). Per-span slice ops: cheaper than
 * a (spans x L) pooling matrix product, whose cost grows with L x spans x H.
 */
public final class SpanPooling {
    private SpanPooling() {
    }

    public static INDArray forward(INDArray tokens, List<EntitySpan> spans, Cache cache) {
        INDArray pooled = cache.buffer("pooled", spans.size(), tokens.columns());
        cache.keep("spans", spans);
        if (cache.kernels() instanceof HostKernels && HostMemory.plainFloat(tokens)
                && HostMemory.plainFloat(pooled)) {
            hostForward(tokens, spans, pooled);
            return pooled;
        }
        for (int i = 0; i < spans.size(); i++) {
            EntitySpan s = spans.get(i);
            INDArray row = pooled.getRow(i);
            row.assign(0);
            for (TokenRange r : s.ranges()) {
                INDArray slice = tokens.get(NDArrayIndex.interval(r.begin(), r.end()), NDArrayIndex.all());
                row.addi(slice.sum(0));
            }
            row.divi(s.tokenCount());
        }
        return pooled;
    }

    // host path: column-major data, element (row, col) at col * rows + row
    private static void hostForward(INDArray tokens, List<EntitySpan> spans, INDArray pooled) {
        int l = (int) tokens.rows();
        int h = (int) tokens.columns();
        int n = spans.size();
        float[] t = HostMemory.read(tokens, null);
        float[] p = new float[n * h];
        for (int i = 0; i < n; i++) {
            EntitySpan s = spans.get(i);
            float inv = 1f / s.tokenCount();
            for (int c = 0; c < h; c++) {
                float sum = 0;
                for (TokenRange r : s.ranges()) {
                    for (int row = r.begin(); row < r.end(); row++) {
                        sum += t[c * l + row];
                    }
                }
                p[c * n + i] = sum * inv;
            }
        }
        HostMemory.write(p, pooled);
    }

    private static void hostBackward(INDArray pooledGrad, INDArray tokenGrad, List<EntitySpan> spans) {
        int l = (int) tokenGrad.rows();
        int h = (int) tokenGrad.columns();
        int n = spans.size();
        float[] g = HostMemory.read(pooledGrad, null);
        float[] t = HostMemory.read(tokenGrad, null);
        for (int i = 0; i < n; i++) {
            EntitySpan s = spans.get(i);
            float inv = 1f / s.tokenCount();
            for (int c = 0; c < h; c++) {
                float v = g[c * n + i] * inv;
                for (TokenRange r : s.ranges()) {
                    for (int row = r.begin(); row < r.end(); row++) {
                        t[c * l + row] += v;
                    }
                }
            }
        }
        HostMemory.write(t, tokenGrad);
    }

    /** Adds the gradient of the pooled rows into {@code tokenGrad} (L x H). */
    public static void backward(INDArray pooledGrad, INDArray tokenGrad, Cache cache) {
        List<EntitySpan> spans = cache.kept("spans");
        if (cache.kernels() instanceof HostKernels && HostMemory.plainFloat(pooledGrad)
                && HostMemory.plainFloat(tokenGrad)) {
            hostBackward(pooledGrad, tokenGrad, spans);
            return;
        }
        for (int i = 0; i < spans.size(); i++) {
            EntitySpan s = spans.get(i);
            INDArray g = pooledGrad.getRow(i).div(s.tokenCount());
            for (TokenRange r : s.ranges()) {
                tokenGrad.get(NDArrayIndex.interval(r.begin(), r.end()), NDArrayIndex.all()).addiRowVector(g);
            }
        }
    }
}
