package org.jnrf.network;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.compute.HostKernels;
import org.jnrf.network.compute.HostMemory;
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

    /** The spans' token ranges flattened: span i owns ranges [first[i], first[i + 1]) of begin/end. */
    private record Ranges(int[] first, int[] begin, int[] end, float[] weight) {
        static Ranges of(List<EntitySpan> spans) {
            int n = spans.size();
            int[] first = new int[n + 1];
            for (int i = 0; i < n; i++) {
                first[i + 1] = first[i] + spans.get(i).ranges().size();
            }
            int[] begin = new int[first[n]];
            int[] end = new int[first[n]];
            float[] weight = new float[n];
            for (int i = 0; i < n; i++) {
                List<TokenRange> ranges = spans.get(i).ranges();
                int tokens = 0;
                for (int k = 0; k < ranges.size(); k++) {
                    begin[first[i] + k] = ranges.get(k).begin();
                    end[first[i] + k] = ranges.get(k).end();
                    tokens += ranges.get(k).length();
                }
                weight[i] = 1f / tokens;
            }
            return new Ranges(first, begin, end, weight);
        }
    }

    // host path: column-major data, element (row, col) at col * rows + row; one token column at a time, so the
    // matrix is read (and in the backward pass written) once, sequentially
    private static void hostForward(INDArray tokens, List<EntitySpan> spans, INDArray pooled) {
        int l = (int) tokens.rows();
        int h = (int) tokens.columns();
        int n = spans.size();
        Ranges s = Ranges.of(spans);
        java.nio.FloatBuffer t = HostMemory.view(tokens);
        float[] column = new float[l];
        float[] p = new float[n * h];
        for (int c = 0; c < h; c++) {
            t.get(c * l, column, 0, l);
            for (int i = 0; i < n; i++) {
                float sum = 0;
                for (int k = s.first[i]; k < s.first[i + 1]; k++) {
                    for (int row = s.begin[k]; row < s.end[k]; row++) {
                        sum += column[row];
                    }
                }
                p[c * n + i] = sum * s.weight[i];
            }
        }
        HostMemory.write(p, pooled);
    }

    private static void hostBackward(INDArray pooledGrad, INDArray tokenGrad, List<EntitySpan> spans) {
        int l = (int) tokenGrad.rows();
        int h = (int) tokenGrad.columns();
        int n = spans.size();
        Ranges s = Ranges.of(spans);
        float[] g = HostMemory.read(pooledGrad, null);
        java.nio.FloatBuffer t = HostMemory.view(tokenGrad);
        float[] column = new float[l];
        for (int c = 0; c < h; c++) {
            t.get(c * l, column, 0, l);
            for (int i = 0; i < n; i++) {
                float v = g[c * n + i] * s.weight[i];
                for (int k = s.first[i]; k < s.first[i + 1]; k++) {
                    for (int row = s.begin[k]; row < s.end[k]; row++) {
                        column[row] += v;
                    }
                }
            }
            t.put(c * l, column, 0, l);
        }
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
