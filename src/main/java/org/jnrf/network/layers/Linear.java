package org.jnrf.network.layers;

import org.jnrf.network.compute.Cache;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * y = x W + b with W stored (in x out) in 'f' order: GEMM on 'f'-order operands into a preallocated output is the
 * fast path of ND4J's BLAS binding (about 2x the 'c'-order throughput).
 */
public final class Linear {
    private final Param weight;
    private final Param bias;

    public Linear(String name, int in, int out, Init init) {
        double bound = 1.0 / Math.sqrt(in);
        this.weight = Param.dense(name + ".weight", init.uniform(bound, in, out, 'f'));
        this.bias = Param.dense(name + ".bias", init.uniform(bound, 1, out, 'f'));
    }

    public int in() {
        return (int) weight.value().rows();
    }

    public int out() {
        return (int) weight.value().columns();
    }

    public List<Param> params() {
        return List.of(weight, bias);
    }

    public INDArray forward(INDArray x, Cache cache) {
        return forward(x, cache, cache.buffer("y", x.rows(), out()));
    }

    /** Forward pass into a given (rows x out) buffer. */
    public INDArray forward(INDArray x, Cache cache, INDArray y) {
        forwardWithoutBias(x, cache, y);
        cache.kernels().addRowVector(y, bias.value());
        return y;
    }

    /** x W without the bias, for a caller whose next kernel adds {@link #bias()} in the same pass. */
    public INDArray forwardWithoutBias(INDArray x, Cache cache, INDArray y) {
        cache.keep("x", x);
        cache.kernels().gemm(x, weight.value(), y, false, false, 1.0, 0.0);
        return y;
    }

    public Param bias() {
        return bias;
    }

    /** W (in x out, 'f' order), for a caller that takes the product another way ({@link WindowProjection}). */
    public INDArray weight() {
        return weight.value();
    }

    /** Accumulates dW and db; returns dx when asked (else null). */
    public INDArray backward(INDArray dy, Cache cache, boolean inputGrad) {
        return backward(dy, cache, inputGrad ? cache.gradBuffer("dx", dy.rows(), in()) : null);
    }

    /**
     * Accumulates dW and db and writes dx into {@code dx} (null: no input gradient). dx may be the buffer of the kept
     * input x, which is dead once the weight gradient is taken: a caller that owns that buffer needs no other.
     */
    public INDArray backward(INDArray dy, Cache cache, INDArray dx) {
        cache.kernels().addColumnSums(dy, bias.grad());
        return backwardWithoutBias(dy, cache, dx);
    }

    /** Backward pass of {@link #forwardWithoutBias}: dW, and dx when asked; the caller accumulates db. */
    public INDArray backwardWithoutBias(INDArray dy, Cache cache, boolean inputGrad) {
        return backwardWithoutBias(dy, cache, inputGrad ? cache.gradBuffer("dx", dy.rows(), in()) : null);
    }

    /** As {@link #backwardWithoutBias(INDArray, Cache, boolean)}, dx into a given buffer (see {@link #backward}). */
    public INDArray backwardWithoutBias(INDArray dy, Cache cache, INDArray dx) {
        INDArray x = cache.kept("x");
        double beta = weight.accumulationBeta();
        cache.kernels().gemm(x, dy, weight.gradStorage(), true, false, 1.0, beta); // reads x before dx may overwrite it
        if (dx == null) {
            return null;
        }
        cache.kernels().gemm(dy, weight.value(), dx, false, true, 1.0, 0.0);
        return dx;
    }
}
