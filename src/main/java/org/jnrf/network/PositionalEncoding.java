package org.jnrf.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Sinusoidal positional encoding (Vaswani et al.): PE[p, 2i] = sin(p / 10000^(2i/H)), PE[p, 2i+1] = cos(...).
 * Computed for any length (no cap), cached for the most recent lengths.
 */
public final class PositionalEncoding {
    private static final int MAX_CACHED = 8;
    private final int hidden;
    private final DataType dataType;
    private final Map<Integer, INDArray> byLength = new ConcurrentHashMap<>();

    public PositionalEncoding(int hidden, DataType dataType) {
        this.hidden = hidden;
        this.dataType = dataType;
    }

    /** The (length x hidden) table, 'f' order; shared and read-only. */
    public INDArray table(int length) {
        INDArray t = byLength.get(length);
        if (t == null) {
            t = compute(length);
            if (byLength.size() >= MAX_CACHED) {
                byLength.clear();
            }
            byLength.put(length, t);
        }
        return t;
    }

    private INDArray compute(int length) {
        double[] v = new double[length * hidden];
        for (int i = 0; i < hidden; i += 2) {
            double freq = Math.exp(-Math.log(10000.0) * i / hidden);
            for (int p = 0; p < length; p++) {
                v[i * length + p] = Math.sin(p * freq);
                if (i + 1 < hidden) {
                    v[(i + 1) * length + p] = Math.cos(p * freq);
                }
            }
        }
        return Nd4j.create(v, new long[]{length, hidden}, 'f').castTo(dataType).dup('f');
    }
}
