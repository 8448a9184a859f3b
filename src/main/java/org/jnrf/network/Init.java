package org.jnrf.network;

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

    public Init(long seed, DataType dataType) {
        this.random = new SplittableRandom(seed);
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }

    public INDArray uniform(double bound, long rows, long cols, char order) {
        double[] v = new double[Math.toIntExact(rows * cols)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (random.nextDouble() * 2 - 1) * bound;
        }
        return Nd4j.create(v, new long[]{rows, cols}, 'c').castTo(dataType).dup(order);
    }

    public INDArray normal(double std, long rows, long cols, char order) {
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
