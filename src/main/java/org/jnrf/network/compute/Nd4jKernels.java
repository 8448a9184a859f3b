package org.jnrf.network.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@link Kernels} from ND4J ops: backend-neutral (device path). */
public final class Nd4jKernels implements Kernels {
    public static final Nd4jKernels INSTANCE = new Nd4jKernels();
    private static final double C = Math.sqrt(2 / Math.PI);
    private static final double K = 0.044715;
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Nd4jKernels() {
    }

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public void adam(INDArray w, INDArray g, INDArray m, INDArray v, double lr, double beta1, double beta2,
                     double eps, int step, double gradScale) {
        if (gradScale != 1.0) {
            g.muli(gradScale);
        }
        org.nd4j.linalg.factory.Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(g, v, m, g, v, m,
                lr, beta1, beta2, eps, step));
        w.subi(g);
    }

    @Override
    public void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha,
                     double beta) {
        if (ComputeBackend.isCpu()) {
            ComputeThreads.useLibraryBlasThreads();
        }
        org.nd4j.linalg.factory.Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
    }

    @Override
    public void add(INDArray y, INDArray x) {
        y.addi(x);
    }

    @Override
    public void addRowVector(INDArray y, INDArray bias) {
        y.addiRowVector(bias);
    }

    @Override
    public void addColumnSums(INDArray x, INDArray grad) {
        grad.addi(x.sum(true, 0));
    }

    @Override
    public void gelu(INDArray x, INDArray y) {
        // y = 0.5 x (1 + tanh(C (x + K x^3)))
        y.assign(x).muli(x).muli(K).addi(1).muli(x).muli(C);
        Transforms.tanh(y, false);
        y.addi(1).muli(x).muli(0.5);
    }

    @Override
    public void geluBackward(INDArray x, INDArray dy, INDArray dx) {
        // gelu'(x) = 0.5 (1 + t) + 0.5 x (1 - t^2) C (1 + 3K x^2), t = tanh(C (x + K x^3))
        INDArray t = x.mul(x).muli(K).addi(1).muli(x).muli(C);
        Transforms.tanh(t, false);
        INDArray g = x.mul(x).muli(3 * K).addi(1).muli(x).muli(0.5 * C);
        g.muli(t.mul(t).rsubi(1));
        g.addi(t.addi(1).muli(0.5));
        dx.assign(dy).muli(g);
    }

    @Override
    public void geluErf(INDArray x, INDArray y) {
        // y = 0.5 x (1 + erf(x / sqrt 2))
        INDArray e = x.mul(SQRT_HALF);
        org.nd4j.linalg.factory.Nd4j.exec(new Erf(e, e));
        y.assign(e.addi(1).muli(x).muli(0.5));
    }

    @Override
    public void geluErfBackward(INDArray x, INDArray dy, INDArray dx) {
        // gelu'(x) = 0.5 (1 + erf(x / sqrt 2)) + x exp(-x^2 / 2) / sqrt(2 pi)
        INDArray e = x.mul(SQRT_HALF);
        org.nd4j.linalg.factory.Nd4j.exec(new Erf(e, e));
        e.addi(1).muli(0.5);
        INDArray density = x.mul(x).muli(-0.5);
        Transforms.exp(density, false);
        e.addi(density.muli(x).muli(INV_SQRT_2PI));
        dx.assign(dy).muli(e);
    }

    @Override
    public void softmaxRows(INDArray s, INDArray keyBias, INDArray p) {
        INDArray t = keyBias == null ? s.dup('f') : s.addRowVector(keyBias);
        t.subiColumnVector(t.max(true, 1));
        Transforms.exp(t, false);
        t.diviColumnVector(t.sum(true, 1));
        p.assign(t);
    }

    @Override
    public void softmaxRowsBackward(INDArray p, INDArray dp, INDArray ds) {
        INDArray dot = dp.mul(p).sum(true, 1);
        INDArray t = dp.subColumnVector(dot).muli(p);
        ds.assign(t);
    }

    @Override
    public void layerNorm(INDArray x, INDArray gain, INDArray bias, double eps, INDArray xhat, INDArray invStd,
                          INDArray y) {
        long h = x.columns();
        INDArray mean = x.mean(true, 1);
        xhat.assign(x).subiColumnVector(mean);
        INDArray norm = xhat.norm2(true, 1);
        invStd.assign(norm.muli(norm).divi(h).addi(eps));
        Transforms.sqrt(invStd, false).rdivi(1);
        xhat.muliColumnVector(invStd);
        layerNormOutput(xhat, gain, bias, y);
    }

    @Override
    public void layerNormOutput(INDArray xhat, INDArray gain, INDArray bias, INDArray y) {
        y.assign(xhat).muliRowVector(gain).addiRowVector(bias);
    }

    @Override
    public void layerNormBackward(INDArray dy, INDArray xhat, INDArray invStd, INDArray gain, INDArray dGain,
                                  INDArray dBias, INDArray dx) {
        dBias.addi(dy.sum(true, 0));
        INDArray tmp = dy.mul(xhat);
        dGain.addi(tmp.sum(true, 0));
        INDArray meanDxhatXhat = tmp.muliRowVector(gain).mean(true, 1);
        dx.assign(dy).muliRowVector(gain);
        dx.subiColumnVector(dx.mean(true, 1));
        tmp.assign(xhat).muliColumnVector(meanDxhatXhat);
        dx.subi(tmp).muliColumnVector(invStd);
    }
}
