package org.jnrf.network.optimizer;

import org.jnrf.network.compute.HostKernels;
import org.jnrf.network.compute.Kernels;
import org.jnrf.network.compute.Nd4jKernels;
import org.jnrf.network.layers.Init;
import org.jnrf.network.layers.Param;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdamTest {
    private static final double LR = 0.01;
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;
    private static final double EPS = 1e-8;

    /** Reference Adam: m, v with bias correction folded into the step size. */
    private static void reference(double[] w, double[] m, double[] v, double[] g, int t) {
        double stepSize = LR * Math.sqrt(1 - Math.pow(B2, t)) / (1 - Math.pow(B1, t));
        for (int i = 0; i < w.length; i++) {
            m[i] = B1 * m[i] + (1 - B1) * g[i];
            v[i] = B2 * v[i] + (1 - B2) * g[i] * g[i];
            w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + EPS);
        }
    }

    @Test
    void denseMatchesReference() {
        Param p = Param.dense("w", Nd4j.create(new double[]{0.5, -1, 2, 0}, new long[]{1, 4}, 'f'));
        Adam adam = new Adam(List.of(p), B1, B2, EPS);
        double[] w = {0.5, -1, 2, 0};
        double[] m = new double[4];
        double[] v = new double[4];
        double[][] grads = {{1, -2, 0.5, 0}, {0.3, 0.1, -4, 1}, {-1, -1, 1, 1}};
        for (int t = 0; t < grads.length; t++) {
            p.zeroGrad();
            p.grad().assign(Nd4j.create(grads[t], new long[]{1, 4}, 'f'));
            adam.update(LR);
            reference(w, m, v, grads[t], t + 1);
            for (int i = 0; i < 4; i++) {
                assertEquals(w[i], p.value().getDouble(0, i), 1e-12, "step " + t + " entry " + i);
            }
        }
        assertEquals(3, adam.step());
    }

    @Test
    void hostKernelsMatchReferenceInFloat() {
        INDArray w0 = new Init(5, DataType.FLOAT).normal(1, 7, 5, 'f');
        Param p = Param.dense("w", w0.dup('f'));
        Adam adam = new Adam(List.of(p), B1, B2, EPS, new HostKernels(2));
        double[] w = w0.dup('f').castTo(DataType.DOUBLE).data().asDouble();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        for (int t = 0; t < 3; t++) {
            INDArray g = new Init(10 + t, DataType.FLOAT).normal(1, 7, 5, 'f');
            p.zeroGrad();
            p.grad().assign(g);
            adam.update(LR);
            reference(w, m, v, g.castTo(DataType.DOUBLE).data().asDouble(), t + 1);
        }
        double[] actual = p.value().castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < w.length; i++) {
            assertEquals(w[i], actual[i], 1e-5);
        }
    }

    @Test
    void sparseRowsUpdateOnlyTouchedRows() {
        INDArray table = Nd4j.create(new double[]{1, 2, 3, 4, 5, 6}, new long[]{3, 2}, 'c');
        Param p = Param.rowSparse("t", table, true);
        Adam adam = new Adam(List.of(p), B1, B2, EPS);
        p.setRowGrad(new int[]{2}, Nd4j.create(new double[]{0.5, -0.5}, new long[]{1, 2}, 'c'));
        adam.update(LR);
        double[] w = {5, 6};
        reference(w, new double[2], new double[2], new double[]{0.5, -0.5}, 1);
        assertEquals(1, table.getDouble(0, 0), 0);
        assertEquals(4, table.getDouble(1, 1), 0);
        assertEquals(w[0], table.getDouble(2, 0), 1e-12);
        assertEquals(w[1], table.getDouble(2, 1), 1e-12);
    }

    @Test
    void frozenParametersKeepNoMomentsAndDoNotMove() {
        INDArray table = Nd4j.create(new double[]{1, 2, 3, 4}, new long[]{2, 2}, 'c');
        Param frozen = Param.rowSparse("frozen", table, false);
        Param dense = Param.dense("dense", Nd4j.create(new double[]{1, 2}, new long[]{1, 2}, 'c'));
        Adam adam = new Adam(List.of(frozen, dense), B1, B2, EPS);
        assertEquals(java.util.Set.of("dense"), adam.firstMoments().keySet());
        assertEquals(java.util.Set.of("dense"), adam.secondMoments().keySet());
        frozen.setRowGrad(new int[]{1}, Nd4j.create(new double[]{0.5, -0.5}, new long[]{1, 2}, 'c'));
        dense.grad().assign(1);
        adam.update(LR);
        assertEquals(Nd4j.create(new double[]{1, 2, 3, 4}, new long[]{2, 2}, 'c'), table);
        assertEquals(1 - LR, dense.value().getDouble(0, 0), 1e-6); // the first step moves by lr (eps aside)
    }

    @Test
    void sparseFloatRowsMatchTheReferenceOnHostAndNd4jPaths() {
        for (Kernels k : new Kernels[]{new HostKernels(1), Nd4jKernels.INSTANCE}) {
            INDArray table = Nd4j.create(new float[]{1, 2, 3, 4, 5, 6}, new long[]{3, 2}, 'c');
            Param p = Param.rowSparse("t", table, true);
            Adam adam = new Adam(List.of(p), B1, B2, EPS, k);
            double[] w = {3, 4, 5, 6};
            double[] m = new double[4];
            double[] v = new double[4];
            double[][] grads = {{0.5, -0.5, 1, 2}, {0.25, 3, -1, 0.5}};
            for (int t = 0; t < 2; t++) {
                // the update sees the gradient times the clipping factor 0.5
                p.setRowGrad(new int[]{1, 2}, Nd4j.create(new float[]{(float) grads[t][0], (float) grads[t][1],
                        (float) grads[t][2], (float) grads[t][3]}, new long[]{2, 2}, 'c').muli(2));
                adam.update(LR, 0.5);
                reference(w, m, v, grads[t], t + 1);
            }
            assertEquals(1, table.getDouble(0, 0), 0, k.name());
            for (int i = 0; i < 4; i++) {
                assertEquals(w[i], table.getDouble(1 + i / 2, i % 2), 1e-5, k.name());
            }
        }
    }

    @Test
    void scaledUpdateEqualsUpdateWithScaledGradient() {
        for (Kernels k : new Kernels[]{new HostKernels(1), Nd4jKernels.INSTANCE}) {
            INDArray w0 = new Init(6, DataType.FLOAT).normal(1, 4, 3, 'f');
            INDArray g = new Init(7, DataType.FLOAT).normal(1, 4, 3, 'f');
            Param a = Param.dense("a", w0.dup('f'));
            Param b = Param.dense("b", w0.dup('f'));
            a.grad().assign(g);
            b.grad().assign(g.mul(0.25));
            new Adam(List.of(a), B1, B2, EPS, k).update(LR, 0.25);
            new Adam(List.of(b), B1, B2, EPS, k).update(LR);
            assertEquals(0, a.value().sub(b.value()).amaxNumber().doubleValue(), 1e-6, k.name());
        }
        Param a = Param.dense("a", Nd4j.zeros(DataType.DOUBLE, 1, 2));
        a.grad().assign(Nd4j.create(new double[]{3, 4}, new long[]{1, 2}));
        assertEquals(0.2, GradientClipping.clipFactor(List.of(a), 1.0), 1e-12);
        assertEquals(1.0, GradientClipping.clipFactor(List.of(a), 0), 0);
    }

    @Test
    void clippingScalesToTheGlobalNorm() {
        Param a = Param.dense("a", Nd4j.zeros(DataType.DOUBLE, 1, 2));
        Param b = Param.dense("b", Nd4j.zeros(DataType.DOUBLE, 1, 1));
        a.grad().assign(Nd4j.create(new double[]{3, 0}, new long[]{1, 2}));
        b.grad().assign(4);
        double norm = GradientClipping.clipGlobalNorm(List.of(a, b), 1.0);
        assertEquals(5, norm, 1e-12);
        assertEquals(0.6, a.grad().getDouble(0, 0), 1e-9);
        assertEquals(0.8, b.grad().getDouble(0, 0), 1e-9);
        assertEquals(1.0, GradientClipping.clipGlobalNorm(List.of(a, b), 10), 1e-9);
    }
}
