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
        cache.keep("spans", spans);
        return pooled;
    }

    /** Adds the gradient of the pooled rows into {@code tokenGrad} (L x H). */
    public static void backward(INDArray pooledGrad, INDArray tokenGrad, Cache cache) {
        List<EntitySpan> spans = cache.kept("spans");
        for (int i = 0; i < spans.size(); i++) {
            EntitySpan s = spans.get(i);
            INDArray g = pooledGrad.getRow(i).div(s.tokenCount());
            for (TokenRange r : s.ranges()) {
                tokenGrad.get(NDArrayIndex.interval(r.begin(), r.end()), NDArrayIndex.all()).addiRowVector(g);
            }
        }
    }
}
