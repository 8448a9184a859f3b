package org.jnrf.network;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * {@link Kernels} as Java loops over host memory (CPU backend, float32): each kernel copies its operands out with
 * one memcpy, makes a single fused pass (split over a small fixed pool of threads) and copies the result back.
 * Arrays in any other form (double precision, views, 'c'-order matrices) go to {@link Nd4jKernels}.
 * Data are column-major ('f'): element (r, c) of an R x C matrix is at c R + r.
 */
public final class HostKernels implements Kernels {
    private static final float C = (float) Math.sqrt(2 / Math.PI);
    private static final float K = 0.044715f;
    private static final int MIN_PARALLEL = 1 << 15;

    private final ForkJoinPool pool;
    private final int threads;
    private final ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[4][]);

    public HostKernels(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = this.threads > 1 ? new ForkJoinPool(this.threads) : null;
    }

    @Override
    public String name() {
        return "host";
    }

    private float[] temp(int slot, int n) {
        float[][] s = scratch.get();
        if (s[slot] == null || s[slot].length < n) {
            s[slot] = new float[n];
        }
        return s[slot];
    }

    private interface Range {
        void run(int from, int to);
    }

    /** Runs body over [0, n) in contiguous chunks, in parallel when worth it. */
    private void parallel(int n, long work, Range body) {
        int tasks = pool == null || work < MIN_PARALLEL ? 1 : Math.min(threads, n);
        if (tasks <= 1) {
            body.run(0, n);
            return;
        }
        Future<?>[] futures = new Future<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            int from = (int) ((long) n * t / tasks);
            int to = (int) ((long) n * (t + 1) / tasks);
            futures[t - 1] = pool.submit(() -> body.run(from, to));
        }
        body.run(0, (int) ((long) n / tasks));
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("kernel failed", e.getCause());
        }
    }

    /** {@link HostMemory#read}, the copy split over the pool: one core's memcpy does not saturate memory. */
    private float[] read(INDArray a, float[] into) {
        int n = (int) a.length();
        float[] out = into != null && into.length >= n ? into : new float[n];
        parallel(n, n, (from, to) -> HostMemory.readRange(a, out, from, to));
        return out;
    }

    /** {@link HostMemory#write} (the first a.length() values; scratch arrays may be longer), split over the pool. */
    private void write(float[] values, INDArray a) {
        int n = (int) a.length();
        parallel(n, n, (from, to) -> HostMemory.writeRange(values, a, from, to));
    }

    private static boolean plain(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (!HostMemory.plainFloat(a)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void adam(INDArray w, INDArray g, INDArray m, INDArray v, double lr, double beta1, double beta2,
                     double eps, int step, double gradScale) {
        if (!plainAnyOrder(w, g, m, v) || w.ordering() != g.ordering() || w.ordering() != m.ordering()
                || w.ordering() != v.ordering()) {
            Nd4jKernels.INSTANCE.adam(w, g, m, v, lr, beta1, beta2, eps, step, gradScale);
            return;
        }
        float scale = (float) gradScale;
        int n = (int) w.length();
        float[] wa = read(w, temp(0, n));
        float[] ga = read(g, temp(1, n));
        float[] ma = read(m, temp(2, n));
        float[] va = read(v, temp(3, n));
        int t = step + 1;
        float stepSize = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float e = (float) eps;
        parallel(n, n, (from, to) -> {
            for (int i = from; i < to; i++) {
                float gi = ga[i] * scale;
                float mi = b1 * ma[i] + (1 - b1) * gi;
                float vi = b2 * va[i] + (1 - b2) * gi * gi;
                ma[i] = mi;
                va[i] = vi;
                wa[i] -= stepSize * mi / ((float) Math.sqrt(vi) + e);
            }
        });
        write(wa, w);
        write(ma, m);
        write(va, v);
    }

    private static boolean plainAnyOrder(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (!HostMemory.contiguousFloat(a)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void addRowVector(INDArray y, INDArray bias) {
        if (!plain(y, bias)) {
            Nd4jKernels.INSTANCE.addRowVector(y, bias);
            return;
        }
        int rows = (int) y.rows();
        int cols = (int) y.columns();
        float[] v = read(y, temp(0, rows * cols));
        float[] b = read(bias, null);
        parallel(cols, (long) rows * cols, (from, to) -> {
            for (int c = from; c < to; c++) {
                float bc = b[c];
                int base = c * rows;
                for (int r = 0; r < rows; r++) {
                    v[base + r] += bc;
                }
            }
        });
        write(v, y);
    }

    @Override
    public void addColumnSums(INDArray x, INDArray grad) {
        if (!plain(x, grad)) {
            Nd4jKernels.INSTANCE.addColumnSums(x, grad);
            return;
        }
        int rows = (int) x.rows();
        int cols = (int) x.columns();
        float[] v = read(x, temp(0, rows * cols));
        float[] g = read(grad, null);
        parallel(cols, (long) rows * cols, (from, to) -> {
            float[] acc = new float[SUM_LANES];
            for (int c = from; c < to; c++) {
                g[c] += (float) sum(v, c * rows, rows, acc);
            }
        });
        write(g, grad);
    }

    /** Partial sums kept per lane in the column reductions below. */
    private static final int SUM_LANES = 64;

    /**
     * Sum of a[off, off + n). Blocks of SUM_LANES partial sums: an element-wise loop that C2 vectorises, where one
     * running sum is a serial chain it does not (Java fixes the order of float additions).
     */
    private static double sum(float[] a, int off, int n, float[] acc) {
        java.util.Arrays.fill(acc, 0f);
        int full = n - n % SUM_LANES;
        for (int r0 = 0; r0 < full; r0 += SUM_LANES) {
            int o = off + r0;
            for (int j = 0; j < SUM_LANES; j++) {
                acc[j] += a[o + j];
            }
        }
        double s = 0;
        for (float x : acc) {
            s += x;
        }
        for (int r = off + full; r < off + n; r++) {
            s += a[r];
        }
        return s;
    }

    /** out[0] = sum of a[off, off + n), out[1] = sum of a[i] b[i] over the same range, as {@link #sum}. */
    private static void sumAndDot(float[] a, float[] b, int off, int n, float[] accSum, float[] accDot, double[] out) {
        java.util.Arrays.fill(accSum, 0f);
        java.util.Arrays.fill(accDot, 0f);
        int full = n - n % SUM_LANES;
        for (int r0 = 0; r0 < full; r0 += SUM_LANES) {
            int o = off + r0;
            for (int j = 0; j < SUM_LANES; j++) {
                float x = a[o + j];
                accSum[j] += x;
                accDot[j] += x * b[o + j];
            }
        }
        double s = 0;
        double d = 0;
        for (int j = 0; j < SUM_LANES; j++) {
            s += accSum[j];
            d += accDot[j];
        }
        for (int r = off + full; r < off + n; r++) {
            s += a[r];
            d += a[r] * b[r];
        }
        out[0] = s;
        out[1] = d;
    }

    /**
     * tanh as a 13/6 rational minimax approximation on [-7.9, 7.9] (the form Eigen uses for float; a few ulp of
     * error, below float32 resolution for GELU). Branch-free, so the JIT vectorises the loops around it.
     */
    static float tanh(float u) {
        float x = Math.max(-7.90531110763549805f, Math.min(7.90531110763549805f, u));
        float x2 = x * x;
        float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
        p = x2 * p + -8.60467152213735e-11f;
        p = x2 * p + 5.12229709037114e-08f;
        p = x2 * p + 1.48572235717979e-05f;
        p = x2 * p + 6.37261928875436e-04f;
        p = x2 * p + 4.89352455891786e-03f;
        p = x * p;
        float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
        q = x2 * q + 2.26843463243900e-03f;
        q = x2 * q + 4.89352518554385e-03f;
        return p / q;
    }

    @Override
    public void gelu(INDArray x, INDArray y) {
        if (!plain(x, y)) {
            Nd4jKernels.INSTANCE.gelu(x, y);
            return;
        }
        int n = (int) x.length();
        float[] v = read(x, temp(0, n));
        float[] out = temp(1, n);
        parallel(n, n, (from, to) -> {
            for (int i = from; i < to; i++) {
                float a = v[i];
                float t = tanh(C * (a + K * a * a * a));
                out[i] = 0.5f * a * (1f + t);
            }
        });
        write(out, y);
    }

    @Override
    public void geluBackward(INDArray x, INDArray dy, INDArray dx) {
        if (!plain(x, dy, dx)) {
            Nd4jKernels.INSTANCE.geluBackward(x, dy, dx);
            return;
        }
        int n = (int) x.length();
        float[] v = read(x, temp(0, n));
        float[] g = read(dy, temp(1, n));
        float[] th = temp(2, n);
        parallel(n, n, (from, to) -> geluDerivativeTimes(v, g, th, from, to));
        write(g, dx);
    }

    /** g[i] *= gelu'(v[i]) for i in [from, to); th is scratch. */
    private static void geluDerivativeTimes(float[] v, float[] g, float[] th, int from, int to) {
        // two simple loops: C2 vectorises each, but not the fused one (9x slower)
        for (int i = from; i < to; i++) {
            float a = v[i];
            th[i] = tanh(C * (a + K * a * a * a));
        }
        for (int i = from; i < to; i++) {
            float a = v[i];
            float t = th[i];
            g[i] *= 0.5f * (1f + t) + 0.5f * a * (1f - t * t) * C * (1f + 3f * K * a * a);
        }
    }

    @Override
    public void layerNorm(INDArray x, INDArray gain, INDArray bias, double eps, INDArray xhat, INDArray invStd,
                          INDArray y) {
        if (!plain(x, gain, bias, xhat, invStd, y)) {
            Nd4jKernels.INSTANCE.layerNorm(x, gain, bias, eps, xhat, invStd, y);
            return;
        }
        int n = (int) x.length();
        normalise(read(x, temp(0, n)), (int) x.rows(), (int) x.columns(), gain, bias, eps, xhat, invStd, y);
    }

    @Override
    public void addLayerNorm(INDArray a, INDArray b, INDArray gain, INDArray bias, double eps, INDArray xhat,
                             INDArray invStd, INDArray y) {
        if (!plain(a, b, gain, bias, y) || (xhat != null && !plain(xhat, invStd))) {
            Kernels.super.addLayerNorm(a, b, gain, bias, eps, xhat, invStd, y);
            return;
        }
        int n = (int) a.length();
        float[] v = read(a, temp(0, n));
        float[] w = read(b, temp(3, n));
        parallel(n, n, (from, to) -> {
            for (int i = from; i < to; i++) {
                v[i] += w[i];
            }
        });
        normalise(v, (int) a.rows(), (int) a.columns(), gain, bias, eps, xhat, invStd, y);
    }

    /** LayerNorm of the 'f'-order rows x cols matrix v into y; xhat and invStd are written when not null. */
    private void normalise(float[] v, int rows, int cols, INDArray gain, INDArray bias, double eps, INDArray xhat,
                           INDArray invStd, INDArray y) {
        boolean keep = xhat != null;
        float[] xh = keep ? temp(1, rows * cols) : null;
        float[] out = temp(2, rows * cols);
        float[] gn = read(gain, null);
        float[] bs = read(bias, null);
        float[] inv = new float[rows];
        float invCols = 1f / cols;
        parallel(rows, (long) rows * cols, (from, to) -> {
            int len = to - from;
            // float accumulators: double ones keep C2 from vectorising these loops (a sum of a few hundred values)
            float[] mean = new float[len];
            float[] sq = new float[len];
            for (int c = 0; c < cols; c++) {
                int base = c * rows + from;
                for (int r = 0; r < len; r++) {
                    mean[r] += v[base + r];
                }
            }
            for (int r = 0; r < len; r++) {
                mean[r] *= invCols;
            }
            for (int c = 0; c < cols; c++) {
                int base = c * rows + from;
                for (int r = 0; r < len; r++) {
                    float d = v[base + r] - mean[r];
                    sq[r] += d * d;
                }
            }
            float[] m = mean;
            for (int r = 0; r < len; r++) {
                inv[from + r] = (float) (1.0 / Math.sqrt((double) sq[r] * invCols + eps));
            }
            for (int c = 0; c < cols; c++) {
                int base = c * rows + from;
                float g = gn[c];
                float b = bs[c];
                if (keep) {
                    for (int r = 0; r < len; r++) {
                        float h = (v[base + r] - m[r]) * inv[from + r];
                        xh[base + r] = h;
                        out[base + r] = h * g + b;
                    }
                } else {
                    for (int r = 0; r < len; r++) {
                        out[base + r] = (v[base + r] - m[r]) * inv[from + r] * g + b;
                    }
                }
            }
        });
        if (keep) {
            write(xh, xhat);
            write(inv, invStd);
        }
        write(out, y);
    }

    @Override
    public void biasGelu(INDArray y, INDArray bias, INDArray out, boolean keepInput) {
        if (!plain(y, bias, out)) {
            Kernels.super.biasGelu(y, bias, out, keepInput);
            return;
        }
        int rows = (int) y.rows();
        int cols = (int) y.columns();
        float[] v = read(y, temp(0, rows * cols));
        float[] b = read(bias, null);
        float[] o = temp(1, rows * cols);
        parallel(cols, (long) rows * cols, (from, to) -> {
            for (int c = from; c < to; c++) {
                float bc = b[c];
                int base = c * rows;
                for (int i = base; i < base + rows; i++) {
                    float a = v[i] + bc;
                    v[i] = a;
                    float t = tanh(C * (a + K * a * a * a));
                    o[i] = 0.5f * a * (1f + t);
                }
            }
        });
        if (keepInput) {
            write(v, y);
        }
        write(o, out);
    }

    @Override
    public void geluBackwardBiasGrad(INDArray x, INDArray dy, INDArray dx, INDArray biasGrad) {
        if (!plain(x, dy, dx, biasGrad)) {
            Kernels.super.geluBackwardBiasGrad(x, dy, dx, biasGrad);
            return;
        }
        int rows = (int) x.rows();
        int cols = (int) x.columns();
        float[] v = read(x, temp(0, rows * cols));
        float[] g = read(dy, temp(1, rows * cols));
        float[] th = temp(2, rows * cols);
        float[] sums = read(biasGrad, null);
        parallel(cols, (long) rows * cols, (from, to) -> {
            geluDerivativeTimes(v, g, th, from * rows, to * rows);
            float[] acc = new float[SUM_LANES];
            for (int c = from; c < to; c++) {
                sums[c] += (float) sum(g, c * rows, rows, acc);
            }
        });
        write(g, dx);
        write(sums, biasGrad);
    }

    @Override
    public void layerNormBackward(INDArray dy, INDArray xhat, INDArray invStd, INDArray gain, INDArray dGain,
                                  INDArray dBias, INDArray dx) {
        if (!plain(dy, xhat, invStd, gain, dGain, dBias, dx)) {
            Nd4jKernels.INSTANCE.layerNormBackward(dy, xhat, invStd, gain, dGain, dBias, dx);
            return;
        }
        int rows = (int) dy.rows();
        int cols = (int) dy.columns();
        float[] g = read(dy, temp(0, rows * cols));
        float[] xh = read(xhat, temp(1, rows * cols));
        float[] out = temp(2, rows * cols);
        float[] inv = read(invStd, null);
        float[] gn = read(gain, null);
        float[] dg = read(dGain, null);
        float[] db = read(dBias, null);
        parallel(cols, (long) rows * cols, (from, to) -> {
            float[] accDot = new float[SUM_LANES];
            float[] accSum = new float[SUM_LANES];
            double[] sums = new double[2];
            for (int c = from; c < to; c++) {
                sumAndDot(g, xh, c * rows, rows, accSum, accDot, sums);
                db[c] += (float) sums[0];
                dg[c] += (float) sums[1];
            }
        });
        float invCols = 1f / cols;
        parallel(rows, (long) rows * cols, (from, to) -> {
            int len = to - from;
            float[] s1 = new float[len];
            float[] s2 = new float[len];
            for (int c = 0; c < cols; c++) {
                int base = c * rows + from;
                float gc = gn[c];
                for (int r = 0; r < len; r++) {
                    float d = g[base + r] * gc;
                    s1[r] += d;
                    s2[r] += d * xh[base + r];
                }
            }
            for (int r = 0; r < len; r++) {
                s1[r] *= invCols;
                s2[r] *= invCols;
            }
            for (int c = 0; c < cols; c++) {
                int base = c * rows + from;
                float gc = gn[c];
                for (int r = 0; r < len; r++) {
                    out[base + r] = inv[from + r] * (g[base + r] * gc - s1[r] - xh[base + r] * s2[r]);
                }
            }
        });
        write(dg, dGain);
        write(db, dBias);
        write(out, dx);
    }
}
