package org.jnrf.network.compute;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FloatExpTest {

    @Test
    void matchesMathExpToAboutOneUlpOverTheNormalRange() {
        int n = 400_001;
        float[] v = new float[n + 7];
        float[] scratch = new float[n + 7];
        // a range that does not start at index 0, as the kernels call it
        for (int i = 0; i < n; i++) {
            v[i + 7] = -87f + 175f * i / (n - 1);
        }
        float[] x = v.clone();
        FloatExp.expInPlace(v, 7, n + 7, scratch);
        double worst = 0;
        for (int i = 7; i < n + 7; i++) {
            double exact = Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(v[i] - exact) / exact);
        }
        assertTrue(worst < 2e-7, "largest relative error " + worst);
    }

    @Test
    void tinyResultsAreZeroAndSpecialValuesBehave() {
        float[] v = {Float.NEGATIVE_INFINITY, -1e30f, -100f, -88.5f, 0f, 1f, Float.NaN, 200f, 5f};
        FloatExp.expInPlace(v, 0, 8, new float[9]);
        assertEquals(0f, v[0]);
        assertEquals(0f, v[1], "a masked attention key takes exactly nothing");
        assertEquals(0f, v[2]);
        assertEquals(0f, v[3]);
        assertEquals(1f, v[4]);
        assertEquals((float) Math.E, v[5], 3e-7f);
        assertTrue(Float.isNaN(v[6]));
        assertTrue(Float.isFinite(v[7]) && v[7] > 1e38f, "large inputs saturate at e^88");
        assertEquals(5f, v[8], "outside the range: untouched");
    }
}
