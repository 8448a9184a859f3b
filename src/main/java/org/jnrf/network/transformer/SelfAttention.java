package org.jnrf.network.transformer;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.compute.Kernels;
import org.jnrf.network.layers.Init;
import org.jnrf.network.layers.Linear;
import org.jnrf.network.layers.Param;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Multi-head scaled dot-product self-attention with its output projection: per head h, softmax(Q_h K_h^T / sqrt(d)
 * + keyBias) V_h, the heads side by side, then times W_o. In 'f' order the columns of head h of an (L x W) matrix are
 * one contiguous block, so the per-head products read views and need no copies of their operands. The attention
 * probabilities of every head are kept for the backward pass (heads x L x L per window).
 */
public final class SelfAttention {
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final int heads;
    private final int width;

    public SelfAttention(int layer, int width, int heads, Init init) {
        this.width = width;
        this.heads = heads;
        this.query = new Linear(BertShape.layerPart(layer, "query"), width, width, init);
        this.key = new Linear(BertShape.layerPart(layer, "key"), width, width, init);
        this.value = new Linear(BertShape.layerPart(layer, "value"), width, width, init);
        this.output = new Linear(BertShape.layerPart(layer, "attentionOutput"), width, width, init);
    }

    public List<Param> params() {
        List<Param> p = new ArrayList<>();
        for (Linear l : List.of(query, key, value, output)) {
            p.addAll(l.params());
        }
        return p;
    }

    private static INDArray head(INDArray a, int h, int d) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval((long) h * d, (long) (h + 1) * d));
    }

    /**
     * The attention block's output (L x W) for input x (L x W). keyBias (1 x L): 0 for a key that may be attended
     * to, a large negative value for a masked one (padding); null: every key.
     */
    public INDArray forward(INDArray x, INDArray keyBias, Cache cache) {
        Kernels k = cache.kernels();
        long l = x.rows();
        int d = width / heads;
        INDArray q = query.forward(x, cache.child("query"));
        INDArray kk = key.forward(x, cache.child("key"));
        INDArray v = value.forward(x, cache.child("value"));
        INDArray context = cache.buffer("context", l, width);
        double scale = 1 / Math.sqrt(d);
        for (int h = 0; h < heads; h++) {
            INDArray p = cache.buffer("p" + h, l, l);
            k.gemm(head(q, h, d), head(kk, h, d), p, false, true, scale, 0.0);
            k.softmaxRows(p, keyBias, p);
            // a head's columns of an 'f'-order matrix are one contiguous block: the product goes there directly
            k.gemm(p, head(v, h, d), head(context, h, d), false, false, 1.0, 0.0);
        }
        cache.keep("q", q);
        cache.keep("k", kk);
        cache.keep("v", v);
        return output.forward(context, cache.child("output"));
    }

    /** Accumulates the parameters' gradients and returns the input gradient (L x W). */
    public INDArray backward(INDArray dy, Cache cache) {
        Kernels k = cache.kernels();
        long l = dy.rows();
        int d = width / heads;
        double scale = 1 / Math.sqrt(d);
        INDArray q = cache.kept("q");
        INDArray kk = cache.kept("k");
        INDArray v = cache.kept("v");
        INDArray dContext = output.backward(dy, cache.child("output"), true);
        INDArray dq = cache.gradBuffer("dq", l, width);
        INDArray dk = cache.gradBuffer("dk", l, width);
        INDArray dv = cache.gradBuffer("dv", l, width);
        INDArray dp = cache.gradBuffer("dp", l, l);
        for (int h = 0; h < heads; h++) {
            INDArray p = cache.buffer("p" + h, l, l);
            INDArray dContextH = head(dContext, h, d);
            k.gemm(dContextH, head(v, h, d), dp, false, true, 1.0, 0.0);
            k.gemm(p, dContextH, head(dv, h, d), true, false, 1.0, 0.0);
            k.softmaxRowsBackward(p, dp, dp);
            k.gemm(dp, head(kk, h, d), head(dq, h, d), false, false, scale, 0.0);
            k.gemm(dp, head(q, h, d), head(dk, h, d), true, false, scale, 0.0);
        }
        INDArray dx = query.backward(dq, cache.child("query"), true);
        k.add(dx, key.backward(dk, cache.child("key"), true));
        k.add(dx, value.backward(dv, cache.child("value"), true));
        return dx;
    }
}
