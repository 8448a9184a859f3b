package org.jnrf.network.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable tensor and its gradient. Dense parameters accumulate into {@link #grad()}; a row-sparse parameter (the
 * embedding table) instead holds the rows touched in the current step and their compact gradient, so that neither the
 * backward pass nor the optimizer ever touches the full table.
 */
public final class Param {
    private final String name;
    private final INDArray value;
    private final boolean sparseRows;
    private boolean trainable;
    private INDArray grad;
    /** The gradient is logically zero but its memory was not cleared yet (cleared lazily or overwritten). */
    private boolean fresh;
    private int[] touchedRows = new int[0];
    private INDArray rowGrad;

    Param(String name, INDArray value, boolean sparseRows, boolean trainable) {
        this.name = name;
        this.value = value;
        this.sparseRows = sparseRows;
        this.trainable = trainable;
        // a dense gradient is allocated by the first backward pass: a model loaded for prediction never needs it
        this.fresh = !sparseRows;
    }

    public static Param dense(String name, INDArray value) {
        return new Param(name, value, false, true);
    }

    public static Param rowSparse(String name, INDArray value, boolean trainable) {
        return new Param(name, value, true, trainable);
    }

    public String name() {
        return name;
    }

    public INDArray value() {
        return value;
    }

    public boolean isRowSparse() {
        return sparseRows;
    }

    public boolean isTrainable() {
        return trainable;
    }

    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
    }

    /** Dense gradient (same shape as the value); null for a row-sparse parameter. */
    public INDArray grad() {
        if (fresh) {
            gradStorage().assign(0);
            fresh = false;
        }
        return gradStorage();
    }

    /**
     * For a GEMM that accumulates the whole gradient: returns beta 0 (overwrite) when the gradient is logically zero,
     * else 1 (add), sparing a separate pass that clears the memory each step.
     */
    double accumulationBeta() {
        if (fresh) {
            fresh = false;
            return 0.0;
        }
        return 1.0;
    }

    /** The gradient array for a GEMM with {@link #accumulationBeta()} (no lazy clearing). */
    INDArray gradStorage() {
        if (grad == null && !sparseRows) {
            grad = value.ulike();
        }
        return grad;
    }

    /** Rows touched since the last {@link #zeroGrad()} (row-sparse parameters only), strictly increasing. */
    public int[] touchedRows() {
        return touchedRows;
    }

    /** Gradient of the touched rows, one row per entry of {@link #touchedRows()}; null when none. */
    public INDArray rowGrad() {
        return rowGrad;
    }

    public void setRowGrad(int[] rows, INDArray rowGrad) {
        this.touchedRows = rows;
        this.rowGrad = rowGrad;
    }

    public void zeroGrad() {
        if (sparseRows) {
            touchedRows = new int[0];
            rowGrad = null;
        } else {
            fresh = true;
        }
    }

    /** Squared L2 norm of the current gradient. */
    public double gradSquaredNorm() {
        if (!trainable) {
            return 0;
        }
        INDArray g = sparseRows ? rowGrad : grad();
        if (g == null) {
            return 0;
        }
        // BLAS dot: several times faster than ND4J's norm2 reduction
        return Nd4j.getBlasWrapper().dot(g, g);
    }

    public void scaleGrad(double factor) {
        INDArray g = sparseRows ? rowGrad : grad();
        if (g != null) {
            g.muli(factor);
        }
    }

    public long size() {
        return value.length();
    }
}
