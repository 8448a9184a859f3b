package org.jnrf.network.fourier;

import org.jnrf.network.compute.Scratch;
import org.jnrf.network.layers.Init;
import org.jnrf.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FourierMixerTest {

    /** Re(F_L X F_H) by the definition. */
    private static double[][] naive(INDArray x) {
        int l = (int) x.rows();
        int h = (int) x.columns();
        double[][] out = new double[l][h];
        for (int a = 0; a < l; a++) {
            for (int b = 0; b < h; b++) {
                double re = 0;
                for (int j = 0; j < l; j++) {
                    for (int k = 0; k < h; k++) {
                        double angle = -2 * Math.PI * ((double) a * j / l + (double) b * k / h);
                        re += x.getDouble(j, k) * Math.cos(angle);
                    }
                }
                out[a][b] = re;
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"1,4", "2,6", "7,6", "8,5", "9,8", "13,10", "16,16"})
    void bothPathsMatchTheDefinitionInDouble(int l, int h) {
        INDArray x = GradCheck.randn(l * 100L + h, l, h);
        double[][] expected = naive(x);
        for (String name : new String[]{"jtransforms", "matmul"}) {
            FourierMixer mixer = FourierMixers.create(name, 2);
            INDArray out = Nd4j.create(DataType.DOUBLE, new long[]{l, h}, 'f');
            mixer.mix(x, out, new Scratch(DataType.DOUBLE).cache("f"));
            for (int a = 0; a < l; a++) {
                for (int b = 0; b < h; b++) {
                    assertEquals(expected[a][b], out.getDouble(a, b), 1e-9, name + " at " + a + "," + b);
                }
            }
        }
    }

    /** Re(F_L X F_H) by the definition in double, one dimension at a time (O(L^2 H + L H^2)), for long sequences. */
    private static double[][] separableDft(float[][] columns, int l, int h) {
        double[] cos = new double[l];
        double[] sin = new double[l];
        for (int j = 0; j < l; j++) {
            cos[j] = Math.cos(-2 * Math.PI * j / l);
            sin[j] = Math.sin(-2 * Math.PI * j / l);
        }
        double[][] re = new double[l][h];
        double[][] im = new double[l][h];
        for (int c = 0; c < h; c++) {
            for (int a = 0; a < l; a++) {
                double sr = 0;
                double si = 0;
                int index = 0;
                for (int j = 0; j < l; j++) {
                    sr += columns[c][j] * cos[index];
                    si += columns[c][j] * sin[index];
                    index += a;
                    if (index >= l) {
                        index -= l;
                    }
                }
                re[a][c] = sr;
                im[a][c] = si;
            }
        }
        double[][] out = new double[l][h];
        for (int a = 0; a < l; a++) {
            for (int b = 0; b < h; b++) {
                double sum = 0;
                for (int k = 0; k < h; k++) {
                    double angle = -2 * Math.PI * ((long) b * k % h) / h;
                    sum += re[a][k] * Math.cos(angle) - im[a][k] * Math.sin(angle);
                }
                out[a][b] = sum;
            }
        }
        return out;
    }

    /**
     * The float path at lengths of every kind: powers of two, smooth lengths (JTransforms directly) and lengths with a
     * large prime factor, primes included (Bluestein, two columns per pass; an odd width leaves one column alone);
     * 8019 and 7936 have the prime factors 11 and 31 (JTransforms' mixed radix), 4802 = 2 x 7^4 (Bluestein).
     */
    @ParameterizedTest
    @CsvSource({"1,4", "2,4", "3,5", "7,4", "97,6", "509,3", "1024,4", "2310,4", "4096,2", "4099,4", "8191,3", "8019,3",
            "7936,2", "4802,2"})
    void floatPathMatchesTheDefinitionAtAnyLength(int l, int h) {
        INDArray x = new Init(l + 7L * h, DataType.FLOAT).normal(1, l, h, 'f');
        float[][] columns = new float[h][l];
        for (int c = 0; c < h; c++) {
            for (int j = 0; j < l; j++) {
                columns[c][j] = x.getFloat(j, c);
            }
        }
        double[][] expected = separableDft(columns, l, h);
        INDArray out = Nd4j.create(DataType.FLOAT, new long[]{l, h}, 'f');
        new JTransformsFourierMixer(2).mix(x, out, new Scratch(DataType.FLOAT).cache("f"));
        // outputs are about sqrt(L H) in size; float rounding of an FFT grows with log L
        double tolerance = 2e-6 * Math.sqrt((double) l * h) * (1 + Math.log(l) / Math.log(2));
        double worst = 0;
        for (int a = 0; a < l; a++) {
            for (int b = 0; b < h; b++) {
                worst = Math.max(worst, Math.abs(expected[a][b] - out.getFloat(a, b)));
            }
        }
        assertTrue(worst < tolerance, "L=" + l + " H=" + h + ": max difference " + worst + " > " + tolerance);
    }

    @Test
    void aBatchOfManyLengthsKeepsABoundedNumberOfPlansAndStaysExact() {
        JTransformsFourierMixer mixer = new JTransformsFourierMixer(1);
        for (int l = 1; l <= 150; l++) {
            INDArray x = new Init(l, DataType.FLOAT).normal(1, l, 6, 'f');
            INDArray out = Nd4j.create(DataType.FLOAT, new long[]{l, 6}, 'f');
            mixer.mix(x, out, new Scratch(DataType.FLOAT).cache("f"));
            assertTrue(mixer.plansHeld() <= 65, mixer.plansHeld() + " plans after " + l + " lengths");
            if (l % 50 == 0) { // after plans were dropped: the same result as a fresh mixer's
                INDArray fresh = Nd4j.create(DataType.FLOAT, new long[]{l, 6}, 'f');
                new JTransformsFourierMixer(1).mix(x, fresh, new Scratch(DataType.FLOAT).cache("f"));
                assertEquals(fresh, out);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"37,24", "64,32", "100,48", "1,12", "2,7", "5,17", "130,96", "67,34", "101,48", "161,24"})
    void floatPathsAgree(int l, int h) {
        INDArray x = new Init(l, DataType.FLOAT).normal(1, l, h, 'f');
        INDArray a = Nd4j.create(DataType.FLOAT, new long[]{l, h}, 'f');
        INDArray b = Nd4j.create(DataType.FLOAT, new long[]{l, h}, 'f');
        FourierMixers.create("jtransforms", 2).mix(x, a, new Scratch(DataType.FLOAT).cache("f"));
        FourierMixers.create("matmul", 1).mix(x, b, new Scratch(DataType.FLOAT).cache("f"));
        double scale = Math.sqrt((double) l * h);
        double diff = a.sub(b).amaxNumber().doubleValue();
        assertTrue(diff < 1e-4 * scale, "max difference " + diff);
    }

    @Test
    void selfAdjoint() {
        // <F x, y> = <x, F y>: the property the backward pass relies on
        INDArray x = GradCheck.randn(1, 10, 6);
        INDArray y = GradCheck.randn(2, 10, 6);
        FourierMixer mixer = FourierMixers.create("jtransforms", 1);
        INDArray fx = Nd4j.create(DataType.DOUBLE, new long[]{10, 6}, 'f');
        INDArray fy = Nd4j.create(DataType.DOUBLE, new long[]{10, 6}, 'f');
        mixer.mix(x, fx, new Scratch(DataType.DOUBLE).cache("a"));
        mixer.mix(y, fy, new Scratch(DataType.DOUBLE).cache("b"));
        assertEquals(fx.mul(y).sumNumber().doubleValue(), x.mul(fy).sumNumber().doubleValue(), 1e-9);
    }

    @Test
    void selectionByName() {
        assertEquals("jtransforms", FourierMixers.create("jtransforms", 1).name());
        assertEquals("matmul", FourierMixers.create("matmul", 1).name());
        // the test JVM runs the CPU backend
        assertEquals("jtransforms", FourierMixers.create("auto", 1).name());
        assertThrows(IllegalArgumentException.class, () -> FourierMixers.create("fftw", 1));
    }
}
