package org.jnrf.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * GELU, tanh form: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), as in BERT/FNet and PyTorch's
 * {@code approximate='tanh'}. Built from ND4J element-wise ops (ND4J's own PreciseGELU does not match this formula).
 */
public final class Gelu {
    private static final double C = Math.sqrt(2 / Math.PI);
    private static final double K = 0.044715;

    private Gelu() {
    }

    /** Returns a new buffer with gelu(x); keeps x and tanh(u) for the backward pass. */
    public static INDArray forward(INDArray x, Cache cache) {
        INDArray t = cache.buffer("tanh", x.rows(), x.columns());
        t.assign(x).muli(x).muli(K).addi(1).muli(x).muli(C);
        Transforms.tanh(t, false);
        INDArray y = cache.buffer("y", x.rows(), x.columns());
        y.assign(t).addi(1).muli(x).muli(0.5);
        cache.keep("x", x);
        return y;
    }

    /**
     * dx = dy * (0.5 (1 + t) + 0.5 x (1 - t^2) C (1 + 3K x^2)). Writes into dy's storage when {@code inPlace}
     * (dy is not needed afterwards in the layers that use this).
     */
    public static INDArray backward(INDArray dy, Cache cache) {
        INDArray x = cache.kept("x");
        INDArray t = cache.buffer("tanh", x.rows(), x.columns());
        INDArray g = cache.buffer("g", x.rows(), x.columns());
        // g = 0.5 C x (1 + 3K x^2) (1 - t^2) + 0.5 (1 + t)
        g.assign(x).muli(x).muli(3 * K).addi(1).muli(x).muli(0.5 * C);
        INDArray oneMinusT2 = cache.buffer("dx", x.rows(), x.columns());
        oneMinusT2.assign(t).muli(t).rsubi(1);
        g.muli(oneMinusT2);
        g.addi(t.addi(1).muli(0.5));
        t.subi(1).muli(2); // restore t: keeps the cache reusable for a repeated backward (gradient checks)
        INDArray dx = oneMinusT2.assign(dy).muli(g);
        return dx;
    }
}
