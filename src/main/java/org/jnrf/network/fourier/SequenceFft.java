package org.jnrf.network.fourier;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real forward FFTs of one length n over the columns of a column-major float array, each result left in place in
 * JTransforms' {@code realForward} packing. Lengths whose prime factors are all small go to JTransforms directly (its
 * split-radix and mixed-radix transforms). Any other length, primes included, runs Bluestein's algorithm over a
 * padded length m >= 2n - 1 that is itself a product of 2, 3 and 5, two columns at once as the real and imaginary part
 * of one complex signal: the chirp, the chirp's padded spectrum and the padded plan are made once per length, so an
 * awkward length costs about what a nearby smooth one does. (JTransforms' own fallback pads to a power of two of at
 * least 2n - 1, often nearly 4n, and transforms one real column per complex Bluestein pass.)
 */
abstract class SequenceFft {
    /** Largest prime factor a length may have to go to JTransforms directly; its generic radices cost O(n p). */
    static final int MAX_DIRECT_PRIME = 61;

    /** Padded plans shared by every length that pads to the same size. */
    private static final Map<Integer, FloatFFT_1D> PADDED = new ConcurrentHashMap<>();

    /** Columns one call of {@link #forward} transforms together (1 or 2). */
    abstract int columnsPerCall();

    /** Floats of working memory one call needs (0 when none). */
    abstract int workLength();

    /**
     * Transforms columns first, ..., first + count - 1 (count <= {@link #columnsPerCall()}) of data, each n long at
     * column * n, in place into realForward packing.
     */
    abstract void forward(float[] data, int first, int count, float[] work);

    /**
     * JTransforms runs its own Bluestein (padded to a power of two, one real column per pass) when the part of a
     * length left after the factors 2, 3 and 5 is at least this; below it, its mixed-radix transform.
     */
    static final int JTRANSFORMS_BLUESTEIN_REMAINDER = 211;

    static SequenceFft plan(int n) {
        return goesDirect(n) ? new Direct(n) : new Bluestein(n);
    }

    /**
     * Whether length n goes to JTransforms' mixed-radix transform: no prime factor above {@link #MAX_DIRECT_PRIME}, and
     * short of JTransforms' own Bluestein.
     */
    static boolean goesDirect(int n) {
        return largestPrimeFactor(n) <= MAX_DIRECT_PRIME && remainderAfter235(n) < JTRANSFORMS_BLUESTEIN_REMAINDER;
    }

    /** n without its factors 2, 3 and 5. */
    static int remainderAfter235(int n) {
        int rest = n;
        for (int p : new int[]{2, 3, 5}) {
            while (rest % p == 0) {
                rest /= p;
            }
        }
        return rest;
    }

    static int largestPrimeFactor(int n) {
        int largest = 1;
        int rest = n;
        for (int p = 2; (long) p * p <= rest; p++) {
            while (rest % p == 0) {
                largest = p;
                rest /= p;
            }
        }
        return Math.max(largest, rest);
    }

    /** The smallest product of powers of 2, 3 and 5 that is at least n. */
    static int smoothAtLeast(int n) {
        long best = Long.MAX_VALUE;
        for (long p5 = 1; p5 < 2L * n; p5 *= 5) {
            for (long p35 = p5; p35 < 2L * n; p35 *= 3) {
                long v = p35;
                while (v < n) {
                    v *= 2;
                }
                best = Math.min(best, v);
            }
        }
        return Math.toIntExact(best);
    }

    private static final class Direct extends SequenceFft {
        private final FloatFFT_1D fft;
        private final int n;

        Direct(int n) {
            this.n = n;
            this.fft = new FloatFFT_1D(n);
        }

        @Override
        int columnsPerCall() {
            return 1;
        }

        @Override
        int workLength() {
            return 0;
        }

        @Override
        void forward(float[] data, int first, int count, float[] work) {
            for (int c = first; c < first + count; c++) {
                fft.realForward(data, c * n);
            }
        }
    }

    /**
     * DFT_k = c_k sum_j (x_j c_j) conj(c_(k-j)) with the chirp c_j = exp(-i pi j^2 / n): a cyclic convolution of
     * length m >= 2n - 1 computed by padded FFTs. For z = a + i b (two real columns), A_k = (Z_k + conj(Z_(n-k))) / 2
     * and B_k = (Z_k - conj(Z_(n-k))) / 2i.
     */
    static final class Bluestein extends SequenceFft {
        private final int n;
        private final int m;
        private final FloatFFT_1D padded;
        /** c_j interleaved (re, im), j in [0, n). */
        private final float[] chirp;
        /** FFT_m of conj(c) placed at 0..n-1 and m-n+1..m-1, divided by m for the unscaled inverse. */
        private final float[] kernel;

        Bluestein(int n) {
            this.n = n;
            this.m = smoothAtLeast(2 * n - 1);
            this.padded = PADDED.computeIfAbsent(m, FloatFFT_1D::new);
            chirp = new float[2 * n];
            double[] v = new double[2 * m];
            for (int j = 0; j < n; j++) {
                // j^2 mod 2n keeps the angle exact for long sequences
                double angle = Math.PI * ((long) j * j % (2L * n)) / n;
                double re = Math.cos(angle);
                double im = -Math.sin(angle);
                chirp[2 * j] = (float) re;
                chirp[2 * j + 1] = (float) im;
                v[2 * j] = re;
                v[2 * j + 1] = -im;
                if (j > 0) {
                    v[2 * (m - j)] = re;
                    v[2 * (m - j) + 1] = -im;
                }
            }
            new DoubleFFT_1D(m).complexForward(v);
            kernel = new float[2 * m];
            for (int i = 0; i < 2 * m; i++) {
                kernel[i] = (float) (v[i] / m);
            }
        }

        int paddedLength() {
            return m;
        }

        @Override
        int columnsPerCall() {
            return 2;
        }

        @Override
        int workLength() {
            return 2 * m;
        }

        @Override
        void forward(float[] data, int first, int count, float[] w) {
            int a = first * n;
            int b = count > 1 ? a + n : -1;
            for (int j = 0; j < n; j++) {
                float xr = data[a + j];
                float xi = b < 0 ? 0f : data[b + j];
                float cr = chirp[2 * j];
                float ci = chirp[2 * j + 1];
                w[2 * j] = xr * cr - xi * ci;
                w[2 * j + 1] = xr * ci + xi * cr;
            }
            java.util.Arrays.fill(w, 2 * n, 2 * m, 0f);
            padded.complexForward(w);
            for (int i = 0; i < 2 * m; i += 2) {
                float ur = w[i];
                float ui = w[i + 1];
                float kr = kernel[i];
                float ki = kernel[i + 1];
                w[i] = ur * kr - ui * ki;
                w[i + 1] = ur * ki + ui * kr;
            }
            padded.complexInverse(w, false);
            for (int k = 0; k <= n / 2; k++) {
                int r = k == 0 ? 0 : n - k;
                // Z_k and Z_(n-k): the convolution times the chirp
                float xr = w[2 * k] * chirp[2 * k] - w[2 * k + 1] * chirp[2 * k + 1];
                float xi = w[2 * k] * chirp[2 * k + 1] + w[2 * k + 1] * chirp[2 * k];
                float yr = w[2 * r] * chirp[2 * r] - w[2 * r + 1] * chirp[2 * r + 1];
                float yi = w[2 * r] * chirp[2 * r + 1] + w[2 * r + 1] * chirp[2 * r];
                pack(data, a, k, 0.5f * (xr + yr), 0.5f * (xi - yi));
                if (b >= 0) {
                    pack(data, b, k, 0.5f * (xi + yi), 0.5f * (yr - xr));
                }
            }
        }

        /** Stores frequency f of a column at base in realForward packing (see JTransformsFourierMixer.re/im). */
        private void pack(float[] data, int base, int f, float re, float im) {
            if (f == 0) {
                data[base] = re;
            } else if (n % 2 == 0 && 2 * f == n) {
                data[base + 1] = re;
            } else if (n % 2 == 1 && f == (n - 1) / 2) {
                data[base + n - 1] = re;
                data[base + 1] = im;
            } else {
                data[base + 2 * f] = re;
                data[base + 2 * f + 1] = im;
            }
        }
    }
}
