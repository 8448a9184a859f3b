package org.jnrf.network.fourier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceFftTest {

    /** Bluestein gives JTransforms' packing for even and odd lengths, for a column pair and a lone column. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 8, 9, 10, 15, 16, 45, 64, 100})
    void bluesteinMatchesJTransformsPackingOnSmoothLengths(int n) {
        SequenceFft direct = SequenceFft.plan(n);
        SequenceFft bluestein = new SequenceFft.Bluestein(n);
        for (int columns = 1; columns <= 2; columns++) {
            float[] x = new float[2 * n];
            Random random = new Random(n * 10L + columns);
            for (int i = 0; i < columns * n; i++) {
                x[i] = (float) random.nextGaussian();
            }
            float[] expected = x.clone();
            direct.forward(expected, 0, columns, new float[direct.workLength()]);
            float[] actual = x.clone();
            bluestein.forward(actual, 0, columns, new float[bluestein.workLength()]);
            for (int i = 0; i < 2 * n; i++) {
                assertEquals(expected[i], actual[i], 2e-5 * Math.sqrt(n) * 8, "n=" + n + " columns=" + columns + " at " + i);
            }
        }
    }

    @Test
    void awkwardLengthsPadToASmoothLengthBelowTheNextPowerOfTwo() {
        for (int n : new int[]{4099, 8191, 509, 97, 4097, 2053}) {
            SequenceFft plan = SequenceFft.plan(n);
            SequenceFft.Bluestein b = assertInstanceOf(SequenceFft.Bluestein.class, plan, "n=" + n);
            int m = b.paddedLength();
            assertTrue(m >= 2 * n - 1, "n=" + n + " m=" + m);
            assertTrue(m < 2 * (2 * n - 1), "n=" + n + " m=" + m);
            assertTrue(SequenceFft.largestPrimeFactor(m) <= 5, "m=" + m);
        }
        assertEquals(8640, SequenceFft.smoothAtLeast(8197));
        assertEquals(8192, SequenceFft.smoothAtLeast(8192));
        assertEquals(7, SequenceFft.largestPrimeFactor(4 * 7 * 3));
        assertEquals(4099, SequenceFft.largestPrimeFactor(4099));
    }

    /**
     * JTransforms' mixed radix where it is faster than Bluestein (prime factors up to 61, the rest after 2, 3 and 5
     * below 211); Bluestein for larger primes and where JTransforms would fall back to its own Bluestein (2 x 7^4).
     */
    @Test
    void lengthsGoDirectOnlyWhereJTransformsMixedRadixIsTheFasterPath() {
        for (int n : new int[]{8192, 8019, 8125, 7936, 7965, 2310, 1}) {
            assertTrue(SequenceFft.goesDirect(n), "n=" + n);
            assertTrue(!(SequenceFft.plan(n) instanceof SequenceFft.Bluestein), "n=" + n + " goes to JTransforms");
        }
        for (int n : new int[]{4099, 6399, 6950, 7960, 4802, 8232, 2053 * 2}) {
            assertInstanceOf(SequenceFft.Bluestein.class, SequenceFft.plan(n), "n=" + n);
        }
        assertEquals(2401, SequenceFft.remainderAfter235(4802));
    }
}
