package org.jnrf.network.layers;

import org.jnrf.network.compute.Cache;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Layer normalisation over the hidden dimension (each row), with gain and bias, eps 1e-5 (PyTorch default) unless
 * given (BERT: 1e-12).
 */
public final class LayerNorm {
    private static final double DEFAULT_EPS = 1e-5;
    private final double eps;
    private final Param gain;
    private final Param bias;

    public LayerNorm(String name, int size, Init init) {
        this(name, size, DEFAULT_EPS, init);
    }

    public LayerNorm(String name, int size, double eps, Init init) {
        this.eps = eps;
        this.gain = Param.dense(name + ".gain", init.constant(1, 1, size));
        this.bias = Param.dense(name + ".bias", init.constant(0, 1, size));
    }

    public List<Param> params() {
        return List.of(gain, bias);
    }

    public INDArray forward(INDArray x, Cache cache) {
        INDArray xhat = cache.buffer("xhat", x.rows(), x.columns());
        INDArray invStd = cache.buffer("invStd", x.rows(), 1);
        INDArray y = cache.buffer("y", x.rows(), x.columns());
        cache.kernels().layerNorm(x, gain.value(), bias.value(), eps, xhat, invStd, y);
        return y;
    }

    /**
     * LN(x + residual); x may be overwritten. Without training the statistics for a backward pass are not stored.
     */
    public INDArray forwardResidual(INDArray x, INDArray residual, Cache cache, boolean training) {
        return forwardResidual(x, residual, cache, training, cache.buffer("y", x.rows(), x.columns()));
    }

    /**
     * As {@link #forwardResidual(INDArray, INDArray, Cache, boolean)}, into a given output buffer, which may be one
     * that later layers overwrite: {@link #recomputeOutput} fills it again from the kept normalised values.
     */
    public INDArray forwardResidual(INDArray x, INDArray residual, Cache cache, boolean training, INDArray y) {
        INDArray xhat = training ? cache.buffer("xhat", x.rows(), x.columns()) : null;
        INDArray invStd = training ? cache.buffer("invStd", x.rows(), 1) : null;
        cache.kernels().addLayerNorm(x, residual, gain.value(), bias.value(), eps, xhat, invStd, y);
        cache.keep("y", y);
        return y;
    }

    /** Writes the output of the last training forward pass into its buffer again (identical values). */
    public INDArray recomputeOutput(Cache cache) {
        INDArray y = cache.kept("y");
        cache.kernels().layerNormOutput(cache.buffer("xhat", y.rows(), y.columns()), gain.value(), bias.value(), y);
        return y;
    }

    public INDArray backward(INDArray dy, Cache cache) {
        INDArray xhat = cache.buffer("xhat", dy.rows(), dy.columns());
        INDArray invStd = cache.buffer("invStd", dy.rows(), 1);
        INDArray dx = cache.gradBuffer("dx", dy.rows(), dy.columns());
        cache.kernels().layerNormBackward(dy, xhat, invStd, gain.value(), gain.grad(), bias.grad(), dx);
        return dx;
    }
}
