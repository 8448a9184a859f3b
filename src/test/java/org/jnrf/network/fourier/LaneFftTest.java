package org.jnrf.network.fourier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class LaneFftTest {
    @ParameterizedTest(name = "n={0} lanes={1}")
    @CsvSource({"1,3", "2,1", "3,5", "4,8", "5,2", "6,7", "8,16", "12,3", "16,9", "30,4", "49,2", "64,5",
            "96,17", "143,3", "256,8", "768,6"})
    void matchesTheDefinitionInEveryLane(int n, int lanes) {
        Random random = new Random(31L * n + lanes);
        float[] re = new float[n * lanes];
        float[] im = new float[n * lanes];
        for (int i = 0; i < re.length; i++) {
            re[i] = (float) random.nextGaussian();
            im[i] = (float) random.nextGaussian();
        }
        float[] re0 = re.clone();
        float[] im0 = im.clone();
        LaneFft fft = LaneFft.plan(n);
        assertNotNull(fft);
        fft.forward(re, im, new float[n * lanes], new float[n * lanes], lanes);
        double tolerance = 1e-5 * n * Math.log(n + 1) + 1e-5;
        for (int j = 0; j < lanes; j++) {
            for (int k = 0; k < n; k++) {
                double sr = 0;
                double si = 0;
                for (int e = 0; e < n; e++) {
                    double angle = -2 * Math.PI * ((long) k * e % n) / n;
                    double xr = re0[e * lanes + j];
                    double xi = im0[e * lanes + j];
                    sr += xr * Math.cos(angle) - xi * Math.sin(angle);
                    si += xr * Math.sin(angle) + xi * Math.cos(angle);
                }
                assertEquals(sr, re[k * lanes + j], tolerance, "re, frequency " + k + " lane " + j);
                assertEquals(si, im[k * lanes + j], tolerance, "im, frequency " + k + " lane " + j);
            }
        }
    }

    @Test
    void noPlanForLargePrimeFactors() {
        assertNull(LaneFft.plan(17));
        assertNull(LaneFft.plan(2 * 257));
        assertNotNull(LaneFft.plan(13 * 16));
    }
}
