package org.jnrf.network.fourier;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.compute.HostMemory;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * CPU path: O(L H log(L H)) with JTransforms, any length at about the cost of a nearby smooth one (the sequence
 * transforms of awkward lengths run a cached Bluestein plan: {@link SequenceFft}).
 * With x stored column-major ('f' order), each hidden column is a contiguous sequence: (1) a real FFT over the
 * sequence for each of the H columns gives the spectrum for frequencies 0..L/2; (2) for each of those frequencies a
 * complex FFT across the hidden dimension, blocks of frequencies at once as the lanes of a {@link LaneFft} (one
 * JTransforms FFT per frequency when H has a prime factor above 13); (3) the real part for the frequencies above
 * L/2 follows from conjugate symmetry, Y[L-l, k] = conj(Y[l, (H-k) mod H]). Columns and frequencies are split over a
 * small fixed pool.
 */
public final class JTransformsFourierMixer implements FourierMixer {
    private final ForkJoinPool pool;
    private final Map<Integer, FloatFFT_1D> floatPlans = new ConcurrentHashMap<>();
    private final Map<Integer, DoubleFFT_1D> doublePlans = new ConcurrentHashMap<>();
    private final Map<Integer, Optional<LaneFft>> lanePlans = new ConcurrentHashMap<>();
    private final Map<Integer, SequenceFft> sequencePlans = new ConcurrentHashMap<>();
    private final ThreadLocal<float[][]> sequenceWork = ThreadLocal.withInitial(() -> new float[1][]);
    private final ThreadLocal<float[][]> work = ThreadLocal.withInitial(() -> new float[2][]);
    private final ThreadLocal<float[][]> laneWork = ThreadLocal.withInitial(() -> new float[4][]);

    public JTransformsFourierMixer(int threads) {
        // parallelism comes from our pool over columns; JTransforms' own threads would oversubscribe the cores
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    @Override
    public String name() {
        return "jtransforms";
    }

    @Override
    public void mix(INDArray x, INDArray out, Cache cache) {
        int l = Math.toIntExact(x.rows());
        int h = Math.toIntExact(x.columns());
        if (HostMemory.plainFloat(x) && HostMemory.plainFloat(out)) {
            float[][] buffers = work.get();
            int n = l * h;
            if (buffers[0] == null || buffers[0].length < n) {
                buffers[0] = new float[n];
                buffers[1] = new float[n];
            }
            // columns move between ND4J memory and the work arrays inside the parallel loops, not in one
            // single-threaded copy each way
            java.nio.FloatBuffer in = HostMemory.view(x);
            float[] data = buffers[0];
            mixFloat(c -> in.get(c * l, data, c * l, l), data, buffers[1], l, h);
            java.nio.FloatBuffer result = HostMemory.view(out);
            float[] o = buffers[1];
            run(h, c -> result.put(c * l, o, c * l, l));
            return;
        }
        INDArray src = x.ordering() == 'f' && !x.isView() ? x : x.dup('f');
        if (x.dataType() == DataType.DOUBLE) {
            double[] result = mixDouble(src.data().asDouble(), l, h);
            write(out, Nd4j.create(result, new long[]{l, h}, 'f'));
        } else {
            float[] data = src.dataType() == DataType.FLOAT ? src.data().asFloat()
                    : src.castTo(DataType.FLOAT).dup('f').data().asFloat();
            float[] result = new float[l * h];
            mixFloat(c -> { }, data, result, l, h);
            write(out, Nd4j.create(result, new long[]{l, h}, 'f'));
        }
    }

    private static void write(INDArray out, INDArray result) {
        if (out.ordering() == 'f' && !out.isView() && out.dataType() == result.dataType()) {
            if (result.dataType() == DataType.DOUBLE) {
                out.data().setData(result.data().asDouble());
            } else {
                out.data().setData(result.data().asFloat());
            }
        } else {
            out.assign(result);
        }
    }

    private void run(int n, java.util.function.IntConsumer body) {
        if (pool == null || n < 2) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during FFT", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("FFT failed", e.getCause());
        }
    }

    /** Frequencies handled together in step (2): their packed values are adjacent in every column. */
    private static final int BLOCK = 16;

    /**
     * Frequencies transformed together by {@link LaneFft}: one lane each, so a block stays in L2 cache. Not a multiple
     * of 32: rows of 32 or 64 floats put the butterfly operands on the same L1 sets (timings per lane count in
     * docs/BENCHMARKS.md, "Hidden-dimension FFTs in lanes").
     */
    private static final int LANES = 40;

    /**
     * Plans of one kind kept at once: each holds tables as long as its length, and a batch of notes of many lengths
     * would otherwise keep one per length for the life of the model.
     */
    private static final int MAX_PLANS = 64;

    private static <P> P plan(Map<Integer, P> plans, int length, java.util.function.IntFunction<P> make) {
        P plan = plans.get(length);
        if (plan != null) {
            return plan;
        }
        if (plans.size() >= MAX_PLANS) {
            plans.clear(); // a plan in use elsewhere stays valid; it is only forgotten here
        }
        return plans.computeIfAbsent(length, make::apply);
    }

    /** Plans held now, of every kind (for tests). */
    int plansHeld() {
        return floatPlans.size() + doublePlans.size() + sequencePlans.size();
    }

    /** load.accept(c) puts column c of the input into data (column-major) before its transform. */
    private void mixFloat(java.util.function.IntConsumer load, float[] data, float[] out, int l, int h) {
        SequenceFft seq = plan(sequencePlans, l, SequenceFft::plan);
        int per = seq.columnsPerCall();
        run((h + per - 1) / per, t -> {
            int first = t * per;
            int count = Math.min(per, h - first);
            for (int c = first; c < first + count; c++) {
                load.accept(c);
            }
            if (l > 1) {
                seq.forward(data, first, count, sequenceWork(seq.workLength()));
            }
        });
        LaneFft lanes = lanePlans.computeIfAbsent(h, n -> Optional.ofNullable(LaneFft.plan(n))).orElse(null);
        if (lanes != null) {
            hiddenTransformsInLanes(data, out, l, h, lanes);
        } else {
            hiddenTransformsOneByOne(data, out, l, h);
        }
    }

    private float[][] laneWork(int h) {
        float[][] lw = laneWork.get();
        if (lw[0] == null || lw[0].length < h * LANES) {
            for (int i = 0; i < 4; i++) {
                lw[i] = new float[h * LANES];
            }
        }
        return lw;
    }

    private float[] sequenceWork(int length) {
        float[][] holder = sequenceWork.get();
        if (holder[0] == null || holder[0].length < length) {
            holder[0] = new float[length];
        }
        return holder[0];
    }

    /**
     * Step (2) with the frequencies of a block as the lanes of one {@link LaneFft}: gathering a block reads LANES
     * packed values per column and each output column receives contiguous runs, instead of one strided value per
     * column and frequency.
     */
    private void hiddenTransformsInLanes(float[] data, float[] out, int l, int h, LaneFft fft) {
        int freqs = l / 2 + 1;
        int blocks = (freqs + LANES - 1) / LANES;
        // a thread-local lookup per block is slow on threads with many of them (annotate's document threads)
        float[][] callers = pool == null ? laneWork(h) : null;
        run(blocks, b -> {
            int f0 = b * LANES;
            int w = Math.min(freqs, f0 + LANES) - f0;
            float[][] lw = callers != null ? callers : laneWork(h);
            float[] re = lw[0];
            float[] im = lw[1];
            for (int c = 0; c < h; c++) {
                int base = c * l;
                int row = c * w - f0;
                for (int f = f0; f < f0 + w; f++) {
                    re[row + f] = re(data, base, l, f);
                    im[row + f] = im(data, base, l, f);
                }
            }
            fft.forward(re, im, lw[2], lw[3], w);
            for (int k = 0; k < h; k++) {
                int col = k * l;
                System.arraycopy(re, k * w, out, col + f0, w);
                int mirrorRow = ((h - k) % h) * w - f0;
                for (int f = Math.max(f0, 1); f < f0 + w; f++) {
                    int mirror = l - f;
                    if (mirror != f) {
                        out[col + mirror] = re[mirrorRow + f];
                    }
                }
            }
        });
    }

    /** Step (2) with one JTransforms FFT per frequency, for widths with a large prime factor. */
    private void hiddenTransformsOneByOne(float[] data, float[] out, int l, int h) {
        FloatFFT_1D hid = plan(floatPlans, h, FloatFFT_1D::new);
        int half = l / 2;
        int blocks = (half + BLOCK) / BLOCK;
        run(blocks, b -> {
            int f0 = b * BLOCK;
            int f1 = Math.min(half + 1, f0 + BLOCK);
            float[][] z = new float[f1 - f0][2 * h];
            // gather: for each column the block's packed values are contiguous
            for (int c = 0; c < h; c++) {
                int base = c * l;
                for (int f = f0; f < f1; f++) {
                    z[f - f0][2 * c] = re(data, base, l, f);
                    z[f - f0][2 * c + 1] = im(data, base, l, f);
                }
            }
            for (float[] zf : z) {
                hid.complexForward(zf);
            }
            // scatter: the block's rows are contiguous in every output column
            for (int k = 0; k < h; k++) {
                int col = k * l;
                int mk = 2 * ((h - k) % h);
                for (int f = f0; f < f1; f++) {
                    float[] zf = z[f - f0];
                    out[col + f] = zf[2 * k];
                    int mirror = (l - f) % l;
                    if (mirror != f) {
                        out[col + mirror] = zf[mk];
                    }
                }
            }
        });
    }

    private double[] mixDouble(double[] data, int l, int h) {
        DoubleFFT_1D seq = plan(doublePlans, l, DoubleFFT_1D::new);
        DoubleFFT_1D hid = plan(doublePlans, h, DoubleFFT_1D::new);
        if (l > 1) {
            run(h, c -> seq.realForward(data, c * l));
        }
        double[] out = new double[l * h];
        int half = l / 2;
        run(half + 1, f -> {
            double[] z = new double[2 * h];
            for (int c = 0; c < h; c++) {
                int base = c * l;
                z[2 * c] = re(data, base, l, f);
                z[2 * c + 1] = im(data, base, l, f);
            }
            hid.complexForward(z);
            int mirror = (l - f) % l;
            for (int k = 0; k < h; k++) {
                out[k * l + f] = z[2 * k];
                if (mirror != f) {
                    out[k * l + mirror] = z[2 * ((h - k) % h)];
                }
            }
        });
        return out;
    }

    // JTransforms realForward packing, n = sequence length, 0 <= f <= n/2:
    // even n: a[0] = Re0, a[1] = Re(n/2), a[2f] = Re f, a[2f+1] = Im f
    // odd n:  a[0] = Re0, a[2f] = Re f, a[2f+1] = Im f for f < (n-1)/2, a[n-1] = Re((n-1)/2), a[1] = Im((n-1)/2)
    private static float re(float[] a, int base, int n, int f) {
        if (f == 0) {
            return a[base];
        }
        if (n % 2 == 0 && 2 * f == n) {
            return a[base + 1];
        }
        if (n % 2 == 1 && f == (n - 1) / 2) {
            return a[base + n - 1];
        }
        return a[base + 2 * f];
    }

    private static float im(float[] a, int base, int n, int f) {
        if (f == 0 || (n % 2 == 0 && 2 * f == n)) {
            return 0f;
        }
        if (n % 2 == 1 && f == (n - 1) / 2) {
            return a[base + 1];
        }
        return a[base + 2 * f + 1];
    }

    private static double re(double[] a, int base, int n, int f) {
        if (f == 0) {
            return a[base];
        }
        if (n % 2 == 0 && 2 * f == n) {
            return a[base + 1];
        }
        if (n % 2 == 1 && f == (n - 1) / 2) {
            return a[base + n - 1];
        }
        return a[base + 2 * f];
    }

    private static double im(double[] a, int base, int n, int f) {
        if (f == 0 || (n % 2 == 0 && 2 * f == n)) {
            return 0;
        }
        if (n % 2 == 1 && f == (n - 1) / 2) {
            return a[base + 1];
        }
        return a[base + 2 * f + 1];
    }
}
