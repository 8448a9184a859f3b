package org.jnrf.network.layers;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.compute.HostMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sinusoidal positional encoding (Vaswani et al.): PE[p, 2i] = sin(p / 10000^(2i/H)), PE[p, 2i+1] = cos(...).
 * Any length (no cap). The values are computed once for positions up to the longest document seen so far (growing
 * by half each time a longer one comes), so notes of ever-changing lengths cost a copy each, not L x H sines and
 * cosines.
 */
public final class PositionalEncoding {
    private final int hidden;
    private final DataType dataType;
    private volatile Values values = new Values(new float[0], null, 0);
    /** The table last handed out: documents of one length in a row (benchmarks) share it. */
    private volatile Table last;
    /** The length asked for last by {@link #table(int, Cache)}. */
    private volatile int previousLength = -1;

    private record Table(int length, INDArray values) {
    }

    /**
     * Unit i's values for positions [0, capacity) at [i capacity, (i + 1) capacity), in float (f) or, for a double
     * network, in double (d).
     */
    private record Values(float[] f, double[] d, int capacity) {
    }

    public PositionalEncoding(int hidden, DataType dataType) {
        this.hidden = hidden;
        this.dataType = dataType;
    }

    /**
     * The (length x hidden) table, 'f' order, read-only: the shared table when documents of this length come in a row
     * (benchmarks), else a copy in the cache's buffer, so that notes of changing length allocate nothing.
     */
    public INDArray table(int length, Cache cache) {
        Table cached = last;
        if ((cached != null && cached.length() == length) || previousLength == length) {
            return table(length);
        }
        previousLength = length;
        INDArray out = cache.buffer("table", length, hidden);
        Values t = atLeast(length);
        if (t.f() != null && HostMemory.plainFloat(out)) {
            java.nio.FloatBuffer view = HostMemory.view(out);
            for (int i = 0; i < hidden; i++) {
                view.put(i * length, t.f(), i * t.capacity(), length);
            }
        } else {
            out.assign(compute(length));
        }
        return out;
    }

    /** The (length x hidden) table, 'f' order; shared and read-only. */
    public INDArray table(int length) {
        Table cached = last;
        if (cached != null && cached.length() == length) {
            return cached.values();
        }
        INDArray table = compute(length);
        last = new Table(length, table);
        return table;
    }

    private INDArray compute(int length) {
        Values t = atLeast(length);
        long[] shape = {length, hidden};
        if (t.f() != null) {
            float[] out = new float[Math.multiplyExact(length, hidden)];
            for (int i = 0; i < hidden; i++) {
                System.arraycopy(t.f(), i * t.capacity(), out, i * length, length);
            }
            return Nd4j.create(out, shape, 'f');
        }
        double[] out = new double[Math.multiplyExact(length, hidden)];
        for (int i = 0; i < hidden; i++) {
            System.arraycopy(t.d(), i * t.capacity(), out, i * length, length);
        }
        return Nd4j.create(out, shape, 'f').castTo(dataType);
    }

    private Values atLeast(int length) {
        Values t = values;
        if (t.capacity() >= length) {
            return t;
        }
        synchronized (this) {
            t = values;
            if (t.capacity() < length) {
                // grow by half, by at most 64k positions: one very long document does not reserve much more
                int grown = t.capacity() + Math.min(t.capacity() / 2, 1 << 16);
                t = values(Math.max(length, Math.max(256, grown)));
                values = t;
            }
            return t;
        }
    }

    private Values values(int capacity) {
        int n = Math.multiplyExact(capacity, hidden);
        boolean single = dataType == DataType.FLOAT;
        float[] f = single ? new float[n] : null;
        double[] d = single ? null : new double[n];
        for (int i = 0; i < hidden; i += 2) {
            double freq = Math.exp(-Math.log(10000.0) * i / hidden);
            for (int p = 0; p < capacity; p++) {
                double sin = Math.sin(p * freq);
                double cos = Math.cos(p * freq);
                int at = i * capacity + p;
                if (single) {
                    f[at] = (float) sin;
                } else {
                    d[at] = sin;
                }
                if (i + 1 < hidden) {
                    if (single) {
                        f[at + capacity] = (float) cos;
                    } else {
                        d[at + capacity] = cos;
                    }
                }
            }
        }
        return new Values(f, d, capacity);
    }
}
