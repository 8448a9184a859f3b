package org.jnrf.network.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * {@link Kernels} as Java loops over host memory (CPU backend, float32), split over a small fixed pool of threads.
 * Each thread streams its share of the operands through small blocks: a block is copied out of ND4J memory (one
 * memcpy), processed while it sits in cache and copied back, so each value crosses memory about as often as in an
 * in-place kernel. (Copying whole matrices out and back around the pass moved two to three times as many bytes.)
 * Arrays in any other form (double precision, views, 'c'-order matrices) go to {@link Nd4jKernels}.
 * Data are column-major ('f'): element (r, c) of an R x C matrix is at c R + r.
 */
public final class HostKernels implements Kernels {
    private static final float C = (float) Math.sqrt(2 / Math.PI);
    private static final float K = 0.044715f;
    private static final int MIN_PARALLEL = 1 << 15;
    /** Values per operand in one block: a few operands' blocks stay in L1/L2 while they are processed. */
    private static final int BLOCK = 8192;
    /** Columns whose LayerNorm statistics are taken together before they are merged into the rows' totals. */
    private static final int GROUP = 16;

    private final ForkJoinPool pool;
    private final int threads;
    private final ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[6][]);

    public HostKernels(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = this.threads > 1 ? new ForkJoinPool(this.threads) : null;
    }

    @Override
    public String name() {
        return "host";
    }

    /** The calling thread's block buffer number {@code slot}, at least n long. */
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

    private interface Block {
        /** Elements [offset, offset + length) of the operands, which are whole columns firstColumn, ... */
        void run(int offset, int length, int firstColumn, int columns);
    }

    /** The columns of a rows x cols matrix split over the pool, each share visited in blocks of whole columns. */
    private void columnBlocks(int rows, int cols, Block body) {
        int per = Math.max(1, BLOCK / Math.max(1, rows));
        parallel(cols, (long) rows * cols, (from, to) -> {
            for (int c0 = from; c0 < to; c0 += per) {
                int c1 = Math.min(to, c0 + per);
                body.run(c0 * rows, (c1 - c0) * rows, c0, c1 - c0);
            }
        });
    }

    /**
     * A column's run of rows at a time through host memory: an ND4J assign between row views costs a native op and
     * two views per call, per encoder window.
     */
    @Override
    public void copyRows(INDArray from, long fromRow, INDArray to, long toRow, long rows) {
        if (!HostMemory.plainFloat(from) || !HostMemory.plainFloat(to) || from.ordering() != 'f'
                || to.ordering() != 'f' || from.columns() != to.columns()) {
            Kernels.super.copyRows(from, fromRow, to, toRow, rows);
            return;
        }
        FloatBuffer fb = HostMemory.view(from);
        FloatBuffer tb = HostMemory.view(to);
        int n = Math.toIntExact(rows);
        float[] column = temp(0, n);
        for (long c = 0; c < from.columns(); c++) {
            fb.get(Math.toIntExact(c * from.rows() + fromRow), column, 0, n);
            tb.put(Math.toIntExact(c * to.rows() + toRow), column, 0, n);
        }
    }

    /** Elements [0, n) split over the pool, each share visited in blocks (column boundaries do not matter). */
    private void flatBlocks(int n, Range body) {
        parallel(n, n, (from, to) -> {
            for (int b = from; b < to; b += BLOCK) {
                body.run(b, Math.min(to, b + BLOCK));
            }
        });
    }

    private interface Elementwise {
        /** Computes a block in place in {@code a} (n values), with {@code b} the second operand's block or null. */
        void apply(float[] a, float[] b, int n);
    }

    /**
     * out = op(a, b) element by element over flat blocks (b may be null). The op's loop is compiled on its own, so it
     * vectorises whichever kernel calls this.
     */
    private void elementwise(INDArray a, INDArray b, INDArray out, Elementwise op) {
        FloatBuffer ab = HostMemory.view(a);
        FloatBuffer bb = b == null ? null : HostMemory.view(b);
        FloatBuffer ob = HostMemory.view(out);
        flatBlocks((int) a.length(), (from, to) -> {
            int n = to - from;
            float[] va = temp(0, n);
            float[] vb = b == null ? null : temp(1, n);
            ab.get(from, va, 0, n);
            if (bb != null) {
                bb.get(from, vb, 0, n);
            }
            op.apply(va, vb, n);
            ob.put(from, va, 0, n);
        });
    }

    private static float[] read(INDArray a) {
        return HostMemory.read(a, null);
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
        if (!sameFlatLayout(w, g, m, v)) {
            Nd4jKernels.INSTANCE.adam(w, g, m, v, lr, beta1, beta2, eps, step, gradScale);
            return;
        }
        float scale = (float) gradScale;
        int t = step + 1;
        float stepSize = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float e = (float) eps;
        FloatBuffer wb = HostMemory.view(w);
        FloatBuffer gb = HostMemory.view(g);
        FloatBuffer mb = HostMemory.view(m);
        FloatBuffer vb = HostMemory.view(v);
        flatBlocks((int) w.length(), (from, to) -> {
            int n = to - from;
            float[] wa = temp(0, n);
            float[] ga = temp(1, n);
            float[] ma = temp(2, n);
            float[] va = temp(3, n);
            wb.get(from, wa, 0, n);
            gb.get(from, ga, 0, n);
            mb.get(from, ma, 0, n);
            vb.get(from, va, 0, n);
            for (int i = 0; i < n; i++) {
                float gi = ga[i] * scale;
                float mi = b1 * ma[i] + (1 - b1) * gi;
                float vi = b2 * va[i] + (1 - b2) * gi * gi;
                ma[i] = mi;
                va[i] = vi;
                wa[i] -= stepSize * mi / ((float) Math.sqrt(vi) + e);
            }
            wb.put(from, wa, 0, n);
            mb.put(from, ma, 0, n);
            vb.put(from, va, 0, n);
        });
    }

    @Override
    public void movingAverage(INDArray average, INDArray value, double decay) {
        if (!sameFlatLayout(average, value)) {
            Kernels.super.movingAverage(average, value, decay);
            return;
        }
        float d = (float) decay;
        float rest = (float) (1 - decay);
        // one pass instead of ND4J's scale then axpy: the average of a whole encoder is read and written once
        elementwise(average, value, average, (a, w, n) -> {
            for (int i = 0; i < n; i++) {
                a[i] = d * a[i] + rest * w[i];
            }
        });
    }

    /** Contiguous float arrays of one ordering: element i of each is at flat position i (element-wise passes). */
    private static boolean sameFlatLayout(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (!HostMemory.contiguousFloat(a) || a.ordering() != arrays[0].ordering()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha,
                     double beta) {
        int parts = Math.min(threads, ComputeThreads.products());
        if (!HostGemm.gemm(a, b, c, transA, transB, alpha, beta, parts, this::runParts)) {
            // layouts BLAS cannot take as they are (rare: a row-major output): ND4J copies, OpenBLAS stays at one
            // thread rather than switching back and forth
            org.nd4j.linalg.factory.Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
        }
    }

    /** body(0 .. n-1), one task each, the first on the calling thread. */
    private void runParts(int n, java.util.function.IntConsumer body) {
        parallel(n, Long.MAX_VALUE, (from, to) -> {
            for (int p = from; p < to; p++) {
                body.accept(p);
            }
        });
    }

    @Override
    public void add(INDArray y, INDArray x) {
        // ND4J's pairwise add is slow for this (docs/BENCHMARKS.md, the FNet backward pass's residual adds)
        if (!plain(y, x) || y.rows() != x.rows() || y.columns() != x.columns()) {
            Nd4jKernels.INSTANCE.add(y, x);
            return;
        }
        elementwise(y, x, y, (v, w, n) -> {
            for (int i = 0; i < n; i++) {
                v[i] += w[i];
            }
        });
    }

    @Override
    public void addRowVector(INDArray y, INDArray bias) {
        if (!plain(y, bias)) {
            Nd4jKernels.INSTANCE.addRowVector(y, bias);
            return;
        }
        columnAffine(y, null, read(bias), y);
    }

    /**
     * y = x * scale + shift with one scale and shift per column (scale null: 1), streamed in column blocks; y may be
     * x.
     */
    private void columnAffine(INDArray x, float[] scale, float[] shift, INDArray y) {
        int rows = (int) x.rows();
        FloatBuffer xb = HostMemory.view(x);
        FloatBuffer yb = HostMemory.view(y);
        columnBlocks(rows, (int) x.columns(), (off, len, c0, nc) -> {
            float[] v = temp(0, len);
            xb.get(off, v, 0, len);
            for (int j = 0; j < nc; j++) {
                float bc = shift[c0 + j];
                int base = j * rows;
                if (scale == null) {
                    for (int r = base; r < base + rows; r++) {
                        v[r] += bc;
                    }
                } else {
                    float g = scale[c0 + j];
                    for (int r = base; r < base + rows; r++) {
                        v[r] = v[r] * g + bc; // as in normalise, so that a recomputed output is identical
                    }
                }
            }
            yb.put(off, v, 0, len);
        });
    }

    @Override
    public void addColumnSums(INDArray x, INDArray grad) {
        if (!plain(x, grad)) {
            Nd4jKernels.INSTANCE.addColumnSums(x, grad);
            return;
        }
        int rows = (int) x.rows();
        FloatBuffer xb = HostMemory.view(x);
        float[] g = read(grad);
        columnBlocks(rows, (int) x.columns(), (off, len, c0, nc) -> {
            float[] v = temp(0, len);
            float[] acc = new float[SUM_LANES];
            xb.get(off, v, 0, len);
            for (int j = 0; j < nc; j++) {
                g[c0 + j] += (float) sum(v, j * rows, rows, acc);
            }
        });
        HostMemory.write(g, grad);
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
        elementwise(x, null, y, (v, unused, n) -> {
            for (int i = 0; i < n; i++) {
                float a = v[i];
                float t = tanh(C * (a + K * a * a * a));
                v[i] = 0.5f * a * (1f + t);
            }
        });
    }

    @Override
    public void geluBackward(INDArray x, INDArray dy, INDArray dx) {
        if (!plain(x, dy, dx)) {
            Nd4jKernels.INSTANCE.geluBackward(x, dy, dx);
            return;
        }
        elementwise(dy, x, dx, (g, v, n) -> geluDerivativeTimes(v, g, temp(2, n), 0, n));
    }

    private static final float SQRT_HALF = (float) Math.sqrt(0.5);
    private static final float INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));
    /** Keeps x / (|x| + TINY) finite at 0, where the term it multiplies vanishes anyway. */
    private static final float TINY = 1e-30f;

    /**
     * h[i] = erfc(|x[i]| / sqrt 2) / 2 = Phi(-|x[i]|) for i in [0, n): the Chebyshev fit of erfc of Numerical Recipes
     * (relative error below 1.2e-7 in exact arithmetic), evaluated in float with the vectorised exponential; t and e
     * are scratch of length n.
     */
    private static void halfErfc(float[] x, float[] h, float[] t, float[] e, int n) {
        for (int i = 0; i < n; i++) {
            float z = Math.abs(x[i]) * SQRT_HALF;
            float u = 1f / (1f + 0.5f * z);
            t[i] = u;
            h[i] = -z * z - 1.26551223f + u * (1.00002368f + u * (0.37409196f + u * (0.09678418f
                    + u * (-0.18628806f + u * (0.27886807f + u * (-1.13520398f + u * (1.48851587f
                    + u * (-0.82215223f + u * 0.17087277f))))))));
        }
        FloatExp.expInPlace(h, 0, n, e);
        for (int i = 0; i < n; i++) {
            h[i] *= 0.5f * t[i];
        }
    }

    @Override
    public void geluErf(INDArray x, INDArray y) {
        if (!plain(x, y)) {
            Nd4jKernels.INSTANCE.geluErf(x, y);
            return;
        }
        elementwise(x, null, y, (v, unused, n) -> {
            float[] h = temp(2, n);
            halfErfc(v, h, temp(3, n), temp(4, n), n);
            // x Phi(x) = x (1 - h) for x >= 0 and x h below: both are (x + |x| (1 - 2h)) / 2, without a branch
            for (int i = 0; i < n; i++) {
                float a = v[i];
                v[i] = 0.5f * (a + Math.abs(a) * (1f - 2f * h[i]));
            }
        });
    }

    @Override
    public void geluErfBackward(INDArray x, INDArray dy, INDArray dx) {
        if (!plain(x, dy, dx)) {
            Nd4jKernels.INSTANCE.geluErfBackward(x, dy, dx);
            return;
        }
        elementwise(dy, x, dx, (g, v, n) -> {
            float[] h = temp(2, n);
            float[] t = temp(3, n);
            float[] e = temp(4, n);
            halfErfc(v, h, t, e, n);
            float[] density = temp(5, n);
            for (int i = 0; i < n; i++) {
                density[i] = -0.5f * v[i] * v[i];
            }
            FloatExp.expInPlace(density, 0, n, e);
            // gelu'(x) = Phi(x) + x phi(x), Phi(x) = 1/2 + sign(x) (1/2 - h)
            for (int i = 0; i < n; i++) {
                float a = v[i];
                float cdf = 0.5f + (0.5f - h[i]) * (a / (Math.abs(a) + TINY));
                g[i] *= cdf + a * density[i] * INV_SQRT_2PI;
            }
        });
    }

    @Override
    public void softmaxRows(INDArray s, INDArray keyBias, INDArray p) {
        if (!plain(s, p) || keyBias != null && !plain(keyBias)) {
            Nd4jKernels.INSTANCE.softmaxRows(s, keyBias, p);
            return;
        }
        int rows = (int) s.rows();
        int cols = (int) s.columns();
        FloatBuffer in = HostMemory.view(s);
        FloatBuffer out = HostMemory.view(p);
        float[] bias = keyBias == null ? null : read(keyBias);
        // Column-major: each pass copies one column into `col` and updates every row's running value. C2 vectorises
        // a loop only where its arrays share one index, hence the copies rather than offsets into the whole matrix.
        float[] col = temp(0, rows);
        float[] max = temp(1, rows);
        float[] sum = temp(2, rows);
        float[] exponents = temp(3, rows);
        java.util.Arrays.fill(max, 0, rows, Float.NEGATIVE_INFINITY);
        for (int c = 0; c < cols; c++) {
            float b = bias == null ? 0f : bias[c];
            in.get(c * rows, col, 0, rows);
            for (int r = 0; r < rows; r++) {
                max[r] = Math.max(max[r], col[r] + b);
            }
        }
        java.util.Arrays.fill(sum, 0, rows, 0f);
        for (int c = 0; c < cols; c++) {
            float b = bias == null ? 0f : bias[c];
            in.get(c * rows, col, 0, rows);
            for (int r = 0; r < rows; r++) {
                col[r] = col[r] + b - max[r];
            }
            FloatExp.expInPlace(col, 0, rows, exponents);
            // float sums: every term is at most 1 and one is exactly 1, over at most one window's keys (512)
            for (int r = 0; r < rows; r++) {
                sum[r] += col[r];
            }
            out.put(c * rows, col, 0, rows);
        }
        for (int r = 0; r < rows; r++) {
            sum[r] = 1f / sum[r];
        }
        for (int c = 0; c < cols; c++) {
            out.get(c * rows, col, 0, rows);
            for (int r = 0; r < rows; r++) {
                col[r] *= sum[r];
            }
            out.put(c * rows, col, 0, rows);
        }
    }

    @Override
    public void softmaxRowsBackward(INDArray p, INDArray dp, INDArray ds) {
        if (!plain(p, dp, ds)) {
            Nd4jKernels.INSTANCE.softmaxRowsBackward(p, dp, ds);
            return;
        }
        int rows = (int) p.rows();
        int cols = (int) p.columns();
        float[] pv = read(p);
        float[] g = read(dp);
        double[] dot = new double[rows];
        for (int c = 0; c < cols; c++) {
            int o = c * rows;
            for (int r = 0; r < rows; r++) {
                dot[r] += g[o + r] * pv[o + r];
            }
        }
        for (int c = 0; c < cols; c++) {
            int o = c * rows;
            for (int r = 0; r < rows; r++) {
                g[o + r] = pv[o + r] * (g[o + r] - (float) dot[r]);
            }
        }
        HostMemory.write(g, ds);
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
        normalise(x, null, gain, bias, eps, xhat, invStd, y);
    }

    @Override
    public void addLayerNorm(INDArray a, INDArray b, INDArray gain, INDArray bias, double eps, INDArray xhat,
                             INDArray invStd, INDArray y) {
        if (!plain(a, b, gain, bias, y) || (xhat != null && !plain(xhat, invStd))) {
            Kernels.super.addLayerNorm(a, b, gain, bias, eps, xhat, invStd, y);
            return;
        }
        normalise(a, b, gain, bias, eps, xhat, invStd, y);
    }

    /**
     * LayerNorm of the rows of a (+ b when not null) into y; xhat and invStd are written when not null. Each thread
     * takes a band of rows and visits it column by column twice: once for the statistics, once to normalise.
     */
    private void normalise(INDArray a, INDArray b, INDArray gain, INDArray bias, double eps, INDArray xhat,
                           INDArray invStd, INDArray y) {
        int rows = (int) a.rows();
        int cols = (int) a.columns();
        FloatBuffer ab = HostMemory.view(a);
        FloatBuffer bb = b == null ? null : HostMemory.view(b);
        FloatBuffer xhb = xhat == null ? null : HostMemory.view(xhat);
        FloatBuffer yb = HostMemory.view(y);
        float[] gn = read(gain);
        float[] bs = read(bias);
        float[] inv = new float[rows];
        float invCols = 1f / cols;
        parallel(rows, (long) rows * cols, (from, to) -> {
            int len = to - from;
            float[] v = temp(0, GROUP * len);
            float[] w = temp(1, len);
            float[] xh = temp(2, len);
            float[] out = temp(3, len);
            // statistics in one pass over memory: the columns come in groups that stay in cache, each group's
            // mean and sum of squared deviations are exact two-pass values, and groups are merged as in Chan et
            // al. (stable in float whatever the rows' means and outliers, unlike sums of squares)
            float[] mean = new float[len];
            float[] m2 = new float[len];
            float[] groupMean = new float[len];
            float[] groupM2 = new float[len];
            int done = 0;
            for (int c0 = 0; c0 < cols; c0 += GROUP) {
                int n = Math.min(GROUP, cols - c0);
                java.util.Arrays.fill(groupMean, 0f);
                java.util.Arrays.fill(groupM2, 0f);
                for (int j = 0; j < n; j++) {
                    readRows(ab, bb, (c0 + j) * rows + from, len, v, j * len, w);
                    for (int r = 0; r < len; r++) {
                        groupMean[r] += v[j * len + r];
                    }
                }
                float invN = 1f / n;
                for (int r = 0; r < len; r++) {
                    groupMean[r] *= invN;
                }
                for (int j = 0; j < n; j++) {
                    for (int r = 0; r < len; r++) {
                        float d = v[j * len + r] - groupMean[r];
                        groupM2[r] += d * d;
                    }
                }
                int total = done + n;
                float toNew = (float) n / total;
                float cross = (float) ((double) done * n / total);
                for (int r = 0; r < len; r++) {
                    float d = groupMean[r] - mean[r];
                    mean[r] += d * toNew;
                    m2[r] += groupM2[r] + d * d * cross;
                }
                done = total;
            }
            for (int r = 0; r < len; r++) {
                inv[from + r] = (float) (1.0 / Math.sqrt((double) m2[r] * invCols + eps));
            }
            for (int c = 0; c < cols; c++) {
                int off = c * rows + from;
                readRows(ab, bb, off, len, v, 0, w);
                float g = gn[c];
                float bc = bs[c];
                for (int r = 0; r < len; r++) {
                    float h = (v[r] - mean[r]) * inv[from + r];
                    xh[r] = h;
                    out[r] = h * g + bc;
                }
                if (xhb != null) {
                    xhb.put(off, xh, 0, len);
                }
                yb.put(off, out, 0, len);
            }
        });
        if (xhat != null) {
            HostMemory.write(inv, invStd);
        }
    }

    @Override
    public void layerNormOutput(INDArray xhat, INDArray gain, INDArray bias, INDArray y) {
        if (!plain(xhat, gain, bias, y)) {
            Nd4jKernels.INSTANCE.layerNormOutput(xhat, gain, bias, y);
            return;
        }
        columnAffine(xhat, read(gain), read(bias), y);
    }

    /** v[at, at + len) = a[off, off + len) (+ b[off, off + len) when b is not null; w is scratch). */
    private static void readRows(FloatBuffer a, FloatBuffer b, int off, int len, float[] v, int at, float[] w) {
        a.get(off, v, at, len);
        if (b != null) {
            b.get(off, w, 0, len);
            for (int r = 0; r < len; r++) {
                v[at + r] += w[r];
            }
        }
    }

    @Override
    public void biasGelu(INDArray y, INDArray bias, INDArray out, boolean keepInput) {
        if (!plain(y, bias, out)) {
            Kernels.super.biasGelu(y, bias, out, keepInput);
            return;
        }
        int rows = (int) y.rows();
        FloatBuffer yb = HostMemory.view(y);
        FloatBuffer ob = HostMemory.view(out);
        float[] b = read(bias);
        columnBlocks(rows, (int) y.columns(), (off, len, c0, nc) -> {
            float[] v = temp(0, len);
            float[] o = temp(1, len);
            yb.get(off, v, 0, len);
            for (int j = 0; j < nc; j++) {
                float bc = b[c0 + j];
                int base = j * rows;
                for (int i = base; i < base + rows; i++) {
                    float a = v[i] + bc;
                    v[i] = a;
                    float t = tanh(C * (a + K * a * a * a));
                    o[i] = 0.5f * a * (1f + t);
                }
            }
            if (keepInput) {
                yb.put(off, v, 0, len);
            }
            ob.put(off, o, 0, len);
        });
    }

    @Override
    public void geluBackwardBiasGrad(INDArray x, INDArray dy, INDArray dx, INDArray biasGrad) {
        if (!plain(x, dy, dx, biasGrad)) {
            Kernels.super.geluBackwardBiasGrad(x, dy, dx, biasGrad);
            return;
        }
        int rows = (int) x.rows();
        FloatBuffer xb = HostMemory.view(x);
        FloatBuffer gb = HostMemory.view(dy);
        FloatBuffer db = HostMemory.view(dx);
        float[] sums = read(biasGrad);
        columnBlocks(rows, (int) x.columns(), (off, len, c0, nc) -> {
            float[] v = temp(0, len);
            float[] g = temp(1, len);
            float[] acc = new float[SUM_LANES];
            xb.get(off, v, 0, len);
            gb.get(off, g, 0, len);
            geluDerivativeTimes(v, g, temp(2, len), 0, len);
            for (int j = 0; j < nc; j++) {
                sums[c0 + j] += (float) sum(g, j * rows, rows, acc);
            }
            db.put(off, g, 0, len);
        });
        HostMemory.write(sums, biasGrad);
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
        FloatBuffer gb = HostMemory.view(dy);
        FloatBuffer xb = HostMemory.view(xhat);
        FloatBuffer db = HostMemory.view(dx);
        float[] inv = read(invStd);
        float[] gn = read(gain);
        float[] dg = read(dGain);
        float[] dbias = read(dBias);
        // gain and bias gradients: column sums, split by columns
        columnBlocks(rows, cols, (off, len, c0, nc) -> {
            float[] g = temp(0, len);
            float[] xh = temp(1, len);
            float[] accDot = new float[SUM_LANES];
            float[] accSum = new float[SUM_LANES];
            double[] sums = new double[2];
            gb.get(off, g, 0, len);
            xb.get(off, xh, 0, len);
            for (int j = 0; j < nc; j++) {
                sumAndDot(g, xh, j * rows, rows, accSum, accDot, sums);
                dbias[c0 + j] += (float) sums[0];
                dg[c0 + j] += (float) sums[1];
            }
        });
        // input gradient: row statistics, split by rows
        float invCols = 1f / cols;
        parallel(rows, (long) rows * cols, (from, to) -> {
            int len = to - from;
            float[] g = temp(0, len);
            float[] xh = temp(1, len);
            float[] out = temp(2, len);
            float[] s1 = new float[len];
            float[] s2 = new float[len];
            for (int c = 0; c < cols; c++) {
                int off = c * rows + from;
                gb.get(off, g, 0, len);
                xb.get(off, xh, 0, len);
                float gc = gn[c];
                for (int r = 0; r < len; r++) {
                    float d = g[r] * gc;
                    s1[r] += d;
                    s2[r] += d * xh[r];
                }
            }
            for (int r = 0; r < len; r++) {
                s1[r] *= invCols;
                s2[r] *= invCols;
            }
            for (int c = 0; c < cols; c++) {
                int off = c * rows + from;
                gb.get(off, g, 0, len);
                xb.get(off, xh, 0, len);
                float gc = gn[c];
                for (int r = 0; r < len; r++) {
                    out[r] = inv[from + r] * (g[r] * gc - s1[r] - xh[r] * s2[r]);
                }
                db.put(off, out, 0, len);
            }
        });
        HostMemory.write(dg, dGain);
        HostMemory.write(dbias, dBias);
    }
}
