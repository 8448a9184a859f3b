package org.jnrf.network.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise and row-wise work between matrix products. Two implementations: {@link Nd4jKernels} (ND4J ops
 * only, so on a GPU backend everything stays on the device) and {@link HostKernels} (Java loops over the host memory
 * of the CPU backend: one pass over the data per kernel instead of one per ND4J op, which matters because ND4J's
 * broadcast and transcendental ops on 'f'-order matrices are slow). All arrays are (rows x cols); row vectors are
 * (1 x cols), column vectors (rows x 1).
 */
public interface Kernels {
    /** c = alpha op(a) op(b) + beta c, op = transpose where asked. */
    void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta);

    /**
     * Copies rows [fromRow, fromRow + rows) of {@code from} into rows [toRow, toRow + rows) of {@code to}, all
     * columns (both as wide).
     */
    default void copyRows(INDArray from, long fromRow, INDArray to, long toRow, long rows) {
        to.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(toRow, toRow + rows),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(from.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(fromRow, fromRow + rows),
                org.nd4j.linalg.indexing.NDArrayIndex.all()));
    }

    /** y += x (same shape). */
    void add(INDArray y, INDArray x);

    /** y += bias, broadcast over rows. */
    void addRowVector(INDArray y, INDArray bias);

    /** grad += column sums of x. */
    void addColumnSums(INDArray x, INDArray grad);

    /** y = gelu(x), tanh form. */
    void gelu(INDArray x, INDArray y);

    /** dx = dy * gelu'(x); dx may be dy. */
    void geluBackward(INDArray x, INDArray dy, INDArray dx);

    /** y = gelu(x), exact form x Phi(x) = 0.5 x (1 + erf(x / sqrt 2)), as BERT computes it. */
    void geluErf(INDArray x, INDArray y);

    /** dx = dy * gelu'(x) for {@link #geluErf}: Phi(x) + x phi(x); dx may be dy. */
    void geluErfBackward(INDArray x, INDArray dy, INDArray dx);

    /**
     * p = softmax of each row of (s + keyBias), keyBias a (1 x cols) row added to every row (0 for a key that may be
     * attended to, a large negative value for a masked one) or null; p may be s.
     */
    void softmaxRows(INDArray s, INDArray keyBias, INDArray p);

    /** Backward pass of {@link #softmaxRows}: ds = p * (dp - rowSum(dp * p)); ds may be dp. */
    void softmaxRowsBackward(INDArray p, INDArray dp, INDArray ds);

    /** Layer normalisation of each row: xhat = (x - mean) * invStd, y = xhat * gain + bias. */
    void layerNorm(INDArray x, INDArray gain, INDArray bias, double eps, INDArray xhat, INDArray invStd, INDArray y);

    /** y = xhat * gain + bias (the last step of {@link #layerNorm}, with the same arithmetic). */
    void layerNormOutput(INDArray xhat, INDArray gain, INDArray bias, INDArray y);

    /**
     * Layer normalisation of a + b (a residual sum) in one pass; {@code a} may be overwritten. xhat and invStd may
     * be null when no backward pass follows (inference).
     */
    default void addLayerNorm(INDArray a, INDArray b, INDArray gain, INDArray bias, double eps, INDArray xhat,
                              INDArray invStd, INDArray y) {
        a.addi(b);
        if (xhat == null) {
            // a may be overwritten: it takes the normalised values in place (no L x H buffer per call)
            xhat = a;
            invStd = org.nd4j.linalg.factory.Nd4j.createUninitialized(a.dataType(), a.rows(), 1);
        }
        layerNorm(a, gain, bias, eps, xhat, invStd, y);
    }

    /** y += bias, out = gelu(y), in one pass; y keeps the biased value only when {@code keepInput}. */
    default void biasGelu(INDArray y, INDArray bias, INDArray out, boolean keepInput) {
        addRowVector(y, bias);
        gelu(y, out);
    }

    /** dx = dy * gelu'(x) and biasGrad += column sums of dx, in one pass; dx may be dy. */
    default void geluBackwardBiasGrad(INDArray x, INDArray dy, INDArray dx, INDArray biasGrad) {
        geluBackward(x, dy, dx);
        addColumnSums(dx, biasGrad);
    }

    /** Backward pass of {@link #layerNorm}: dx, and dGain += sum(dy * xhat), dBias += sum(dy) over rows. */
    void layerNormBackward(INDArray dy, INDArray xhat, INDArray invStd, INDArray gain, INDArray dGain,
                           INDArray dBias, INDArray dx);

    /**
     * One Adam step in place: m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2,
     * w -= lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps) with t = step + 1. g may be overwritten.
     */
    default void adam(INDArray w, INDArray g, INDArray m, INDArray v, double lr, double beta1, double beta2,
                      double eps, int step) {
        adam(w, g, m, v, lr, beta1, beta2, eps, step, 1.0);
    }

    /** {@link #adam} with the gradient multiplied by gradScale first. */
    void adam(INDArray w, INDArray g, INDArray m, INDArray v, double lr, double beta1, double beta2, double eps,
              int step, double gradScale);

    /** average = decay average + (1 - decay) value, in place (an exponential moving average of weights). */
    default void movingAverage(INDArray average, INDArray value, double decay) {
        average.muli(decay);
        org.nd4j.linalg.factory.Nd4j.getExecutioner().exec(
                new org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy(value, average, average,
                        1 - decay));
    }

    String name();

    /** System property choosing the kernels: auto (host on the CPU backend, else nd4j), host or nd4j. */
    String PROPERTY = "jnrf.kernels";

    static Kernels create(String mode, int threads) {
        String m = mode == null ? "auto" : mode.toLowerCase(java.util.Locale.ROOT);
        return switch (m) {
            case "host", "cpu" -> new HostKernels(threads);
            case "nd4j", "device" -> Nd4jKernels.INSTANCE;
            case "auto" -> ComputeBackend.isCpu() ? new HostKernels(threads) : Nd4jKernels.INSTANCE;
            default -> throw new IllegalArgumentException("unknown kernels '" + mode + "' (expected auto, host or nd4j)");
        };
    }

    static Kernels fromSystemProperty(int threads) {
        return create(System.getProperty(PROPERTY, "auto"), threads);
    }
}
