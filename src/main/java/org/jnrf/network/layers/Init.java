package org.jnrf.network.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * Seeded parameter initialisation in Java, so that the same seed gives the same weights on every backend and every
 * thread count.
 */
public final class Init {
    private final SplittableRandom random;
    private final DataType dataType;
    private final boolean zeros;

    public Init(long seed, DataType dataType) {
        this(new SplittableRandom(seed), dataType, false);
    }

    private Init(SplittableRandom random, DataType dataType, boolean zeros) {
        this.random = random;
        this.dataType = dataType;
        this.zeros = zeros;
    }

    /** Zeros instead of random values, for parameters whose values are loaded right after (a model file). */
    public static Init placeholder(DataType dataType) {
        return new Init(null, dataType, true);
    }

    public DataType dataType() {
        return dataType;
    }

    public INDArray uniform(double bound, long rows, long cols, char order) {
        if (zeros) {
            return Nd4j.create(dataType, new long[]{rows, cols}, order);
        }
        double[] v = new double[Math.toIntExact(rows * cols)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (random.nextDouble() * 2 - 1) * bound;
        }
        return Nd4j.create(v, new long[]{rows, cols}, 'c').castTo(dataType).dup(order);
    }

    public INDArray normal(double std, long rows, long cols, char order) {
        if (zeros) {
            return Nd4j.create(dataType, new long[]{rows, cols}, order);
        }
        double[] v = new double[Math.toIntExact(rows * cols)];
        for (int i = 0; i < v.length; i++) {
            v[i] = gaussian() * std;
        }
        return Nd4j.create(v, new long[]{rows, cols}, 'c').castTo(dataType).dup(order);
    }

    public INDArray constant(double value, long rows, long cols) {
        return Nd4j.create(dataType, new long[]{rows, cols}, 'f').assign(value);
    }

    private double gaussian() {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
