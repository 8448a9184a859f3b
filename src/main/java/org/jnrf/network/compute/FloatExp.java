package org.jnrf.network.compute;

/**
 * e^x over ranges of a float array, in float, in loops that C2 vectorises: the attention softmax and BERT's erf GELU
 * take an exponential per value, and {@code Math.exp} (scalar, double) cost more than the matrix products around
 * them. Cody-Waite reduction x = k ln 2 + r with |r| <= ln 2 / 2, a degree-7 polynomial for e^r, and 2^k put into the
 * exponent bits: relative error below 2e-7 (about one float ulp) for x in [-87, 88]. Below about -87.7 (e^x under
 * 1e-38, the subnormal floats) the result is exactly 0, so masked attention keys take nothing; above 88 it is e^88;
 * NaN stays NaN.
 */
final class FloatExp {
    private static final float LOG2E = 1.44269504f;
    /** ln 2 split so that k * LN2_HI is exact for |k| < 2^9. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer held in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** Rounds to k = -127, whose 2^k bits are those of 0f. */
    private static final float LOWEST = -88.3f;
    private static final float HIGHEST = 88f;

    private FloatExp() {
    }

    /**
     * v[i] = e^v[i] for i in [from, to). {@code exponents} (at least {@code to} long, indexed as v: C2 vectorises
     * only loops whose arrays share the index) is scratch: the rounded multiple of ln 2 goes through it so that both
     * loops stay free of float-int conversions, which C2 does not vectorise in the same loop as the polynomial.
     */
    static void expInPlace(float[] v, int from, int to, float[] exponents) {
        for (int i = from; i < to; i++) {
            float x = Math.min(Math.max(v[i], LOWEST), HIGHEST);
            float rounded = x * LOG2E + ROUNDER;
            float k = rounded - ROUNDER;
            float r = x - k * LN2_HI - k * LN2_LO;
            float p = 1.9875691500e-4f;
            p = p * r + 1.3981999507e-3f;
            p = p * r + 8.3334519073e-3f;
            p = p * r + 4.1665795894e-2f;
            p = p * r + 1.6666665459e-1f;
            p = p * r + 5.0000001201e-1f;
            v[i] = p * r * r + r + 1f;
            exponents[i] = rounded;
        }
        for (int i = from; i < to; i++) {
            // the low mantissa bits of `rounded` hold k; 2^k is the float with biased exponent k + 127
            v[i] *= Float.intBitsToFloat((Float.floatToRawIntBits(exponents[i]) - ROUNDER_BITS + 127) << 23);
        }
    }
}
