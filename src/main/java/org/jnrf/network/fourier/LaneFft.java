package org.jnrf.network.fourier;

import java.util.ArrayList;
import java.util.List;

/**
 * Forward complex DFT of length n applied to many independent signals at once, float precision. Element e of lane j
 * sits at {@code e * lanes + j} of split real and imaginary arrays, so every butterfly works on whole rows of lanes:
 * plain loops over contiguous floats that the JIT turns into SIMD code, which a one-signal-at-a-time FFT over strided
 * data cannot use. Stockham autosort (out of place, no bit reversal), decimation in frequency, radices 4, 2 and 3 with
 * dedicated butterflies and any other prime up to {@link #MAX_GENERIC_RADIX} by an O(r^2) butterfly.
 */
final class LaneFft {
    /** Larger prime factors make the O(r^2) butterfly slower than a library FFT; callers then use another path. */
    static final int MAX_GENERIC_RADIX = 13;

    private final int n;
    private final int[] radices;
    /** Per stage: twiddle factors w^(u p) for p in [0, m), u in [1, r), at (p (r - 1) + u - 1). */
    private final float[][] twiddleRe;
    private final float[][] twiddleIm;
    /** Per stage with a generic radix r: exp(-2 pi i k / r) for k in [0, r); null for the dedicated radices. */
    private final float[][] rootRe;
    private final float[][] rootIm;

    private LaneFft(int n, int[] radices) {
        this.n = n;
        this.radices = radices;
        twiddleRe = new float[radices.length][];
        twiddleIm = new float[radices.length][];
        rootRe = new float[radices.length][];
        rootIm = new float[radices.length][];
        int len = n;
        for (int s = 0; s < radices.length; s++) {
            int r = radices[s];
            int m = len / r;
            float[] wr = new float[m * (r - 1)];
            float[] wi = new float[m * (r - 1)];
            for (int p = 0; p < m; p++) {
                for (int u = 1; u < r; u++) {
                    double angle = -2 * Math.PI * ((long) u * p % len) / len;
                    wr[p * (r - 1) + u - 1] = (float) Math.cos(angle);
                    wi[p * (r - 1) + u - 1] = (float) Math.sin(angle);
                }
            }
            twiddleRe[s] = wr;
            twiddleIm[s] = wi;
            if (r > 4) {
                rootRe[s] = new float[r];
                rootIm[s] = new float[r];
                for (int k = 0; k < r; k++) {
                    rootRe[s][k] = (float) Math.cos(-2 * Math.PI * k / r);
                    rootIm[s][k] = (float) Math.sin(-2 * Math.PI * k / r);
                }
            }
            len = m;
        }
    }

    /** A plan for length n, or null when n has a prime factor above {@link #MAX_GENERIC_RADIX}. */
    static LaneFft plan(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("length must be positive, got " + n);
        }
        List<Integer> factors = new ArrayList<>();
        int rest = n;
        while (rest % 4 == 0) {
            factors.add(4);
            rest /= 4;
        }
        if (rest % 2 == 0) {
            factors.add(2);
            rest /= 2;
        }
        for (int p = 3; p <= MAX_GENERIC_RADIX && rest > 1; p += 2) {
            while (rest % p == 0) {
                factors.add(p);
                rest /= p;
            }
        }
        if (rest > 1) {
            return null;
        }
        return new LaneFft(n, factors.stream().mapToInt(Integer::intValue).toArray());
    }

    int length() {
        return n;
    }

    /**
     * Transforms the lanes of (re, im) in place; (workRe, workIm) are scratch of the same size, at least
     * {@code n * lanes} each.
     */
    void forward(float[] re, float[] im, float[] workRe, float[] workIm, int lanes) {
        float[] xr = re;
        float[] xi = im;
        float[] yr = workRe;
        float[] yi = workIm;
        int len = n;
        int stride = 1;
        for (int s = 0; s < radices.length; s++) {
            int r = radices[s];
            int m = len / r;
            switch (r) {
                case 4 -> radix4(xr, xi, yr, yi, m, stride, lanes, twiddleRe[s], twiddleIm[s]);
                case 2 -> radix2(xr, xi, yr, yi, m, stride, lanes, twiddleRe[s], twiddleIm[s]);
                case 3 -> radix3(xr, xi, yr, yi, m, stride, lanes, twiddleRe[s], twiddleIm[s]);
                default -> generic(r, xr, xi, yr, yi, m, stride, lanes, twiddleRe[s], twiddleIm[s], rootRe[s],
                        rootIm[s]);
            }
            float[] t = xr;
            xr = yr;
            yr = t;
            t = xi;
            xi = yi;
            yi = t;
            len = m;
            stride *= r;
        }
        if (xr != re) {
            System.arraycopy(xr, 0, re, 0, n * lanes);
            System.arraycopy(xi, 0, im, 0, n * lanes);
        }
    }

    // Stage with radix r, m = len / r, stride s: inputs a_k = x[q + s (p + k m)], outputs
    // y[q + s (r p + u)] = w^(u p) * sum_k a_k exp(-2 pi i u k / r), for p < m, q < s. Offsets below are in floats.

    private static void radix2(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, int lanes,
                               float[] twr, float[] twi) {
        int k1 = s * m * lanes;
        for (int p = 0; p < m; p++) {
            float wr = twr[p];
            float wi = twi[p];
            for (int q = 0; q < s; q++) {
                int a = (q + s * p) * lanes;
                int b = (q + s * 2 * p) * lanes;
                int c = b + s * lanes;
                for (int j = 0; j < lanes; j++) {
                    float ar = xr[a + j];
                    float ai = xi[a + j];
                    float br = xr[a + k1 + j];
                    float bi = xi[a + k1 + j];
                    yr[b + j] = ar + br;
                    yi[b + j] = ai + bi;
                    float dr = ar - br;
                    float di = ai - bi;
                    yr[c + j] = dr * wr - di * wi;
                    yi[c + j] = dr * wi + di * wr;
                }
            }
        }
    }

    private static void radix4(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, int lanes,
                               float[] twr, float[] twi) {
        int k1 = s * m * lanes;
        int out = s * lanes;
        for (int p = 0; p < m; p++) {
            float w1r = twr[3 * p];
            float w1i = twi[3 * p];
            float w2r = twr[3 * p + 1];
            float w2i = twi[3 * p + 1];
            float w3r = twr[3 * p + 2];
            float w3i = twi[3 * p + 2];
            for (int q = 0; q < s; q++) {
                int a = (q + s * p) * lanes;
                int b = (q + s * 4 * p) * lanes;
                for (int j = 0; j < lanes; j++) {
                    float a0r = xr[a + j];
                    float a0i = xi[a + j];
                    float a1r = xr[a + k1 + j];
                    float a1i = xi[a + k1 + j];
                    float a2r = xr[a + 2 * k1 + j];
                    float a2i = xi[a + 2 * k1 + j];
                    float a3r = xr[a + 3 * k1 + j];
                    float a3i = xi[a + 3 * k1 + j];
                    float t0r = a0r + a2r;
                    float t0i = a0i + a2i;
                    float t1r = a0r - a2r;
                    float t1i = a0i - a2i;
                    float t2r = a1r + a3r;
                    float t2i = a1i + a3i;
                    float t3r = a1r - a3r;
                    float t3i = a1i - a3i;
                    yr[b + j] = t0r + t2r;
                    yi[b + j] = t0i + t2i;
                    // b1 = t1 - i t3, b2 = t0 - t2, b3 = t1 + i t3, each times its twiddle
                    float b1r = t1r + t3i;
                    float b1i = t1i - t3r;
                    float b2r = t0r - t2r;
                    float b2i = t0i - t2i;
                    float b3r = t1r - t3i;
                    float b3i = t1i + t3r;
                    yr[b + out + j] = b1r * w1r - b1i * w1i;
                    yi[b + out + j] = b1r * w1i + b1i * w1r;
                    yr[b + 2 * out + j] = b2r * w2r - b2i * w2i;
                    yi[b + 2 * out + j] = b2r * w2i + b2i * w2r;
                    yr[b + 3 * out + j] = b3r * w3r - b3i * w3i;
                    yi[b + 3 * out + j] = b3r * w3i + b3i * w3r;
                }
            }
        }
    }

    private static final float SIN60 = (float) (Math.sqrt(3) / 2);

    private static void radix3(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, int lanes,
                               float[] twr, float[] twi) {
        int k1 = s * m * lanes;
        int out = s * lanes;
        for (int p = 0; p < m; p++) {
            float w1r = twr[2 * p];
            float w1i = twi[2 * p];
            float w2r = twr[2 * p + 1];
            float w2i = twi[2 * p + 1];
            for (int q = 0; q < s; q++) {
                int a = (q + s * p) * lanes;
                int b = (q + s * 3 * p) * lanes;
                for (int j = 0; j < lanes; j++) {
                    float a0r = xr[a + j];
                    float a0i = xi[a + j];
                    float a1r = xr[a + k1 + j];
                    float a1i = xi[a + k1 + j];
                    float a2r = xr[a + 2 * k1 + j];
                    float a2i = xi[a + 2 * k1 + j];
                    float tr = a1r + a2r;
                    float ti = a1i + a2i;
                    float dr = SIN60 * (a1r - a2r);
                    float di = SIN60 * (a1i - a2i);
                    float cr = a0r - 0.5f * tr;
                    float ci = a0i - 0.5f * ti;
                    yr[b + j] = a0r + tr;
                    yi[b + j] = a0i + ti;
                    // b1 = c - i d, b2 = c + i d (d already scaled by sin 60)
                    float b1r = cr + di;
                    float b1i = ci - dr;
                    float b2r = cr - di;
                    float b2i = ci + dr;
                    yr[b + out + j] = b1r * w1r - b1i * w1i;
                    yi[b + out + j] = b1r * w1i + b1i * w1r;
                    yr[b + 2 * out + j] = b2r * w2r - b2i * w2i;
                    yi[b + 2 * out + j] = b2r * w2i + b2i * w2r;
                }
            }
        }
    }

    private static void generic(int r, float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, int lanes,
                                float[] twr, float[] twi, float[] cos, float[] sin) {
        int k1 = s * m * lanes;
        int out = s * lanes;
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < s; q++) {
                int a = (q + s * p) * lanes;
                int b = (q + s * r * p) * lanes;
                for (int u = 0; u < r; u++) {
                    int o = b + u * out;
                    java.util.Arrays.fill(yr, o, o + lanes, 0f);
                    java.util.Arrays.fill(yi, o, o + lanes, 0f);
                    for (int k = 0; k < r; k++) {
                        int idx = (u * k) % r;
                        float c = cos[idx];
                        float si = sin[idx];
                        int in = a + k * k1;
                        for (int j = 0; j < lanes; j++) {
                            float vr = xr[in + j];
                            float vi = xi[in + j];
                            yr[o + j] += vr * c - vi * si;
                            yi[o + j] += vr * si + vi * c;
                        }
                    }
                    if (u > 0) {
                        float wr = twr[p * (r - 1) + u - 1];
                        float wi = twi[p * (r - 1) + u - 1];
                        for (int j = 0; j < lanes; j++) {
                            float vr = yr[o + j];
                            float vi = yi[o + j];
                            yr[o + j] = vr * wr - vi * wi;
                            yi[o + j] = vr * wi + vi * wr;
                        }
                    }
                }
            }
        }
    }
}
