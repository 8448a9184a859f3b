package org.jnrf.network.layers;

import org.jnrf.network.compute.Cache;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GELU, tanh form: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), as in BERT/FNet and PyTorch's
 * {@code approximate='tanh'} (ND4J's own PreciseGELU does not match this formula). The backward pass recomputes
 * tanh from the kept input instead of storing it.
 */
public final class Gelu {
    private Gelu() {
    }

    /** gelu(x) into the cache's own buffer; a caller may reuse that buffer once the output is consumed. */
    public static INDArray forward(INDArray x, Cache cache) {
        INDArray y = cache.buffer("y", x.rows(), x.columns());
        cache.kernels().gelu(x, y);
        cache.keep("x", x);
        return y;
    }

    /**
     * out = gelu(y + bias) with y overwritten by y + bias (the input the backward pass needs; not kept when not
     * training). {@code out} may be a buffer that later layers overwrite: {@link #recomputeOutput} fills it again.
     */
    public static INDArray forwardBiased(INDArray y, Param bias, INDArray out, Cache cache, boolean training) {
        cache.kernels().biasGelu(y, bias.value(), out, training);
        cache.keep("x", y);
        cache.keep("y", out);
        return out;
    }

    /**
     * Writes the output of the last {@link #forwardBiased} into its buffer again (bit-identical: the same arithmetic
     * on the kept biased input), so that a layer's backward pass can use an output buffer shared by all layers.
     */
    public static INDArray recomputeOutput(Cache cache) {
        INDArray y = cache.kept("y");
        cache.kernels().gelu(cache.kept("x"), y);
        return y;
    }

    /** Backward pass of {@link #forwardBiased}: dy is overwritten with dx; adds the bias gradient. */
    public static INDArray backwardBiasedInPlace(INDArray dy, Param bias, Cache cache) {
        cache.kernels().geluBackwardBiasGrad(cache.kept("x"), dy, dy, bias.grad());
        return dy;
    }

    /** Backward pass of {@link #forward}: dy is overwritten with dx (no buffer of its own). */
    public static INDArray backward(INDArray dy, Cache cache) {
        cache.kernels().geluBackward(cache.kept("x"), dy, dy);
        return dy;
    }
}
