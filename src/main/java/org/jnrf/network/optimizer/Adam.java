package org.jnrf.network.optimizer;

import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.compute.HostKernels;
import org.jnrf.network.compute.HostMemory;
import org.jnrf.network.compute.Kernels;
import org.jnrf.network.compute.Nd4jKernels;
import org.jnrf.network.layers.Param;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with bias correction, one fused ND4J op per dense parameter (libnd4j adam_updater:
 * m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2, w -= lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps)).
 * Row-sparse parameters (embeddings) are updated lazily: only the rows touched in the step, with the global step count
 * for the bias correction (as PyTorch's SparseAdam).
 */
public final class Adam {
    private final List<Param> params;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Kernels kernels;
    private final Map<String, INDArray> first = new LinkedHashMap<>();
    private final Map<String, INDArray> second = new LinkedHashMap<>();
    private int step;
    /** Parameters whose learning rate is the step's times {@link #groupFactor} (a pretrained encoder's). */
    private java.util.function.Predicate<Param> scaledGroup = p -> false;
    private double groupFactor = 1;

    public Adam(List<Param> params, double beta1, double beta2, double epsilon) {
        this(params, beta1, beta2, epsilon, Nd4jKernels.INSTANCE);
    }

    public Adam(List<Param> params, double beta1, double beta2, double epsilon, Kernels kernels) {
        this.kernels = kernels;
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        for (Param p : params) {
            if (p.isTrainable()) { // a frozen table (pretrained embeddings) needs no moments: 2 x its size saved
                first.put(p.name(), p.value().ulike().assign(0));
                second.put(p.name(), p.value().ulike().assign(0));
            }
        }
    }

    public static Adam standard(List<Param> params) {
        return new Adam(params, 0.9, 0.999, 1e-8);
    }

    /** beta1 0.9, beta2 0.999, eps 1e-8, with the network's kernels (host loops on the CPU backend). */
    public static Adam standard(JnrfNetwork network) {
        return new Adam(network.params(), 0.9, 0.999, 1e-8, network.kernels());
    }

    /** Steps taken so far. */
    public int step() {
        return step;
    }

    public void setStep(int step) {
        this.step = step;
    }

    /**
     * First and second moments by parameter name, for the trainable parameters (live arrays: checkpointing reads and
     * restores them).
     */
    public Map<String, INDArray> firstMoments() {
        return first;
    }

    public Map<String, INDArray> secondMoments() {
        return second;
    }

    public void update(double learningRate) {
        update(learningRate, 1.0);
    }

    /**
     * Gives the parameters of {@code group} the learning rate of every step times {@code factor} (a fine-tuned
     * encoder learns at a small fraction of the heads' rate, on the same schedule).
     */
    public void scaleLearningRate(java.util.function.Predicate<Param> group, double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("learning rate factor must be positive, got " + factor);
        }
        this.scaledGroup = group;
        this.groupFactor = factor;
    }

    /**
     * One step with every gradient multiplied by {@code gradScale} first (global-norm clipping folded into the
     * update instead of a separate pass over all gradients).
     */
    public void update(double stepLearningRate, double gradScale) {
        for (Param p : params) {
            if (!p.isTrainable()) {
                continue;
            }
            double learningRate = scaledGroup.test(p) ? stepLearningRate * groupFactor : stepLearningRate;
            INDArray m = first.get(p.name());
            INDArray v = second.get(p.name());
            if (p.isRowSparse()) {
                updateRows(p, m, v, learningRate, gradScale);
            } else {
                INDArray g = p.grad();
                if (gradScale != 1.0 && !(kernels instanceof HostKernels)) {
                    g.muli(gradScale);
                    kernels.adam(p.value(), g, m, v, learningRate, beta1, beta2, epsilon, step);
                } else {
                    kernels.adam(p.value(), g, m, v, learningRate, beta1, beta2, epsilon, step, gradScale);
                }
            }
        }
        step++;
    }

    /** The same update as adam_updater, row by row in place in the host memory of the CPU backend. */
    private void updateRowsOnHost(Param p, INDArray m, INDArray v, double learningRate, double gradScale) {
        int[] rows = p.touchedRows();
        int d = (int) p.value().columns();
        INDArray rowGrad = p.rowGrad();
        float[] g = HostMemory.contiguousFloat(rowGrad) && rowGrad.ordering() == 'c'
                ? HostMemory.read(rowGrad, null)
                : rowGrad.dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
        java.nio.FloatBuffer w = HostMemory.view(p.value());
        java.nio.FloatBuffer mb = HostMemory.view(m);
        java.nio.FloatBuffer vb = HostMemory.view(v);
        int t = step + 1;
        // float arithmetic, as the dense host update, so that C2 vectorises the loop
        float stepSize = (float) (learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float eps = (float) epsilon;
        float scale = (float) gradScale;
        float[] wr = new float[d];
        float[] mr = new float[d];
        float[] vr = new float[d];
        for (int i = 0; i < rows.length; i++) {
            int off = rows[i] * d;
            w.get(off, wr);
            mb.get(off, mr);
            vb.get(off, vr);
            int gOff = i * d;
            for (int k = 0; k < d; k++) {
                float gk = g[gOff + k] * scale;
                float mk = b1 * mr[k] + (1 - b1) * gk;
                float vk = b2 * vr[k] + (1 - b2) * gk * gk;
                mr[k] = mk;
                vr[k] = vk;
                wr[k] -= stepSize * mk / ((float) Math.sqrt(vk) + eps);
            }
            w.put(off, wr);
            mb.put(off, mr);
            vb.put(off, vr);
        }
    }

    private void updateRows(Param p, INDArray m, INDArray v, double learningRate, double gradScale) {
        int[] rows = p.touchedRows();
        if (rows.length == 0) {
            return;
        }
        if (kernels instanceof HostKernels && HostMemory.contiguousFloat(p.value()) && HostMemory.contiguousFloat(m)
                && HostMemory.contiguousFloat(v) && p.value().ordering() == 'c' && m.ordering() == 'c'
                && v.ordering() == 'c') {
            updateRowsOnHost(p, m, v, learningRate, gradScale);
            return;
        }
        if (gradScale != 1.0) {
            p.scaleGrad(gradScale);
        }
        INDArray g = p.rowGrad().dup('c');
        INDArray mRows = Nd4j.pullRows(m, 1, rows, 'c');
        INDArray vRows = Nd4j.pullRows(v, 1, rows, 'c');
        Nd4j.exec(new AdamUpdater(g, vRows, mRows, g, vRows, mRows, learningRate, beta1, beta2, epsilon, step));
        INDArray w = p.value();
        for (int i = 0; i < rows.length; i++) {
            w.getRow(rows[i]).subi(g.getRow(i));
            m.getRow(rows[i]).assign(mRows.getRow(i));
            v.getRow(rows[i]).assign(vRows.getRow(i));
        }
    }
}
