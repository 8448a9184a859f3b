package org.jnrf.network.transformer;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.compute.Kernels;
import org.jnrf.network.layers.Init;
import org.jnrf.network.layers.LayerNorm;
import org.jnrf.network.layers.Linear;
import org.jnrf.network.layers.Param;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * One BERT layer (post-norm): h = LN(x + attention(x)), y = LN(h + W_out gelu(W_in h + b_in) + b_out), with BERT's
 * exact erf GELU.
 */
public final class TransformerLayer {
    private final SelfAttention attention;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputNorm;

    public TransformerLayer(int layer, BertShape shape, Init init) {
        this.attention = new SelfAttention(layer, shape.width(), shape.heads(), init);
        this.attentionNorm = new LayerNorm(BertShape.layerPart(layer, "attentionNorm"), shape.width(),
                shape.layerNormEps(), init);
        this.intermediate = new Linear(BertShape.layerPart(layer, "intermediate"), shape.width(),
                shape.intermediate(), init);
        this.output = new Linear(BertShape.layerPart(layer, "output"), shape.intermediate(), shape.width(), init);
        this.outputNorm = new LayerNorm(BertShape.layerPart(layer, "outputNorm"), shape.width(),
                shape.layerNormEps(), init);
    }

    /** Parameters in the order of {@link BertShape#tensorShapes()}. */
    public List<Param> params() {
        List<Param> p = new ArrayList<>(attention.params());
        p.addAll(attentionNorm.params());
        p.addAll(intermediate.params());
        p.addAll(output.params());
        p.addAll(outputNorm.params());
        return p;
    }

    /** x is only read; the output lives in this layer's cache. keyBias as in {@link SelfAttention#forward}. */
    public INDArray forward(INDArray x, INDArray keyBias, Cache cache, boolean training) {
        Kernels k = cache.kernels();
        INDArray a = attention.forward(x, keyBias, cache.child("attention"));
        INDArray h = attentionNorm.forwardResidual(a, x, cache.child("attentionNorm"), training);
        INDArray pre = intermediate.forward(h, cache.child("intermediate"));
        INDArray act = cache.buffer("gelu", pre.rows(), pre.columns());
        k.geluErf(pre, act);
        cache.keep("pre", pre);
        INDArray o = output.forward(act, cache.child("output"));
        return outputNorm.forwardResidual(o, h, cache.child("outputNorm"), training);
    }

    /** Backward pass of a training forward pass: accumulates parameter gradients, returns the input gradient. */
    public INDArray backward(INDArray dy, Cache cache) {
        Kernels k = cache.kernels();
        INDArray dSum = outputNorm.backward(dy, cache.child("outputNorm")); // d(o) and d(h) through the residual
        INDArray dAct = output.backward(dSum, cache.child("output"), true);
        k.geluErfBackward(cache.kept("pre"), dAct, dAct);
        INDArray dh = intermediate.backward(dAct, cache.child("intermediate"), true);
        k.add(dh, dSum);
        INDArray dAttention = attentionNorm.backward(dh, cache.child("attentionNorm"));
        INDArray dx = attention.backward(dAttention, cache.child("attention"));
        k.add(dx, dAttention);
        return dx;
    }
}
