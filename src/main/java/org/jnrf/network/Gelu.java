package org.jnrf.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GELU, tanh form: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), as in BERT/FNet and PyTorch's
 * {@code approximate='tanh'} (ND4J's own PreciseGELU does not match this formula). The backward pass recomputes
 * tanh from the kept input instead of storing it.
 */
public final class Gelu {
    private Gelu() {
    }

    public static INDArray forward(INDArray x, Cache cache) {
        INDArray y = cache.buffer("y", x.rows(), x.columns());
        cache.kernels().gelu(x, y);
        cache.keep("x", x);
        return y;
    }

    /**
     * gelu(y + bias) with y overwritten by y + bias (the input the backward pass needs; not kept when not training).
     */
    public static INDArray forwardBiased(INDArray y, Param bias, Cache cache, boolean training) {
        INDArray out = cache.buffer("y", y.rows(), y.columns());
        cache.kernels().biasGelu(y, bias.value(), out, training);
        cache.keep("x", y);
        return out;
    }

    /** Backward pass of {@link #forwardBiased}: returns dx and adds the bias gradient. */
    public static INDArray backwardBiased(INDArray dy, Param bias, Cache cache) {
        INDArray x = cache.kept("x");
        INDArray dx = cache.gradBuffer("dx", x.rows(), x.columns());
        cache.kernels().geluBackwardBiasGrad(x, dy, dx, bias.grad());
        return dx;
    }

    public static INDArray backward(INDArray dy, Cache cache) {
        INDArray x = cache.kept("x");
        INDArray dx = cache.gradBuffer("dx", x.rows(), x.columns());
        cache.kernels().geluBackward(x, dy, dx);
        return dx;
    }
}
