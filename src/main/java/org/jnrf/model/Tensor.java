package org.jnrf.model;

import org.jnrf.network.compute.ComputeBackend;
import org.jnrf.network.compute.HostMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/** A named float32 tensor in row-major order, as stored in a weights file. */
public record Tensor(String name, long[] shape, float[] data) {
    public Tensor {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
    }

    public static Tensor of(String name, INDArray value) {
        INDArray f = value.dataType() == DataType.FLOAT ? value : value.castTo(DataType.FLOAT);
        return new Tensor(name, value.shape(), f.dup('c').data().asFloat());
    }

    /** The given rows of a matrix, in the given order. */
    public Tensor rows(int[] rows) {
        int columns = (int) shape[1];
        float[] selected = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data, rows[i] * columns, selected, i * columns, columns);
        }
        return new Tensor(name, new long[] {rows.length, columns}, selected);
    }

    public INDArray toArray(DataType dataType, char order) {
        return Nd4j.create(data, shape, 'c').castTo(dataType).dup(order);
    }

    /**
     * Writes the values into {@code target} (of this shape). Float matrices of the CPU backend are written straight
     * into their memory, in either order: loading a model then takes one copy per tensor instead of an ND4J array,
     * its cast, its copy in the target's order and an assign.
     */
    public void copyInto(INDArray target) {
        if (!Arrays.equals(shape, target.shape())) {
            throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(shape)
                    + ", its target " + Arrays.toString(target.shape()));
        }
        if (!ComputeBackend.isCpu() || !HostMemory.contiguousFloat(target) || shape.length > 2) {
            target.assign(toArray(target.dataType(), target.ordering()));
            return;
        }
        if (target.ordering() == 'c' || shape.length < 2 || shape[0] == 1 || shape[1] == 1) {
            HostMemory.write(data, target);
            return;
        }
        HostMemory.writeRowMajor(data, (int) shape[0], (int) shape[1], target);
    }
}
