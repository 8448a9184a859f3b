package org.jnrf.testing;

import org.jnrf.network.layers.Init;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Central finite differences in double precision against analytical gradients. */
public final class GradCheck {
    public static final double EPS = 1e-6;

    private GradCheck() {
    }

    public static INDArray randn(long seed, long rows, long cols) {
        return new Init(seed, DataType.DOUBLE).normal(1.0, rows, cols, 'f');
    }

    /** sum(y * weights): a scalar whose gradient with respect to y is weights. */
    public static double project(INDArray y, INDArray weights) {
        return y.mul(weights).sumNumber().doubleValue();
    }

    /**
     * Compares {@code analytic} with the finite-difference gradient of {@code loss} with respect to {@code x}, on
     * up to {@code samples} random entries (all if fewer).
     */
    public static void check(String what, INDArray x, INDArray analytic, DoubleSupplier loss, int samples) {
        check(what, x, analytic, loss, samples, 1e-5);
    }

    public static void check(String what, INDArray x, INDArray analytic, DoubleSupplier loss, int samples, double tol) {
        assertTrue(x.dataType() == DataType.DOUBLE, "gradient checks run in double precision");
        long n = x.length();
        SplittableRandom r = new SplittableRandom(n * 31 + what.hashCode());
        int count = (int) Math.min(samples, n);
        double worst = 0;
        for (int s = 0; s < count; s++) {
            long idx = count == n ? s : r.nextLong(n);
            long row = idx / x.columns();
            long col = idx % x.columns();
            double orig = x.getDouble(row, col);
            x.putScalar(new long[]{row, col}, orig + EPS);
            double plus = loss.getAsDouble();
            x.putScalar(new long[]{row, col}, orig - EPS);
            double minus = loss.getAsDouble();
            x.putScalar(new long[]{row, col}, orig);
            double numeric = (plus - minus) / (2 * EPS);
            double a = analytic.getDouble(row, col);
            double err = Math.abs(a - numeric) / Math.max(1e-6, Math.abs(a) + Math.abs(numeric));
            if (Math.abs(a - numeric) >= 1e-8) {
                worst = Math.max(worst, err);
            }
            assertTrue(err < tol || Math.abs(a - numeric) < 1e-8,
                    what + "[" + row + "," + col + "]: analytic " + a + " numeric " + numeric);
        }
        assertTrue(worst < tol, what + " worst relative error " + worst);
    }

    public static INDArray zerosLike(INDArray x) {
        return Nd4j.zeros(x.dataType(), x.shape());
    }
}
