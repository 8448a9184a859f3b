package org.jnrf.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TensorTest {

    /** Written straight into 'f'- and 'c'-order float matrices, vectors, and by ND4J into a double matrix. */
    @Test
    void copyIntoEveryLayoutGivesTheRowMajorValues() {
        float[] values = new float[3 * 5];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f - 3;
        }
        Tensor t = new Tensor("w", new long[]{3, 5}, values);
        for (char order : new char[]{'f', 'c'}) {
            for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
                INDArray target = Nd4j.create(type, new long[]{3, 5}, order);
                t.copyInto(target);
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 5; c++) {
                        assertEquals(values[r * 5 + c], target.getFloat(r, c), 0, order + " " + type);
                    }
                }
            }
        }
        Tensor row = new Tensor("b", new long[]{1, 4}, new float[]{1, 2, 3, 4});
        INDArray bias = Nd4j.create(DataType.FLOAT, new long[]{1, 4}, 'f');
        row.copyInto(bias);
        assertEquals(3f, bias.getFloat(0, 2), 0);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> t.copyInto(Nd4j.create(DataType.FLOAT, new long[]{5, 3}, 'f')), "the shape, not the size");
    }
}
