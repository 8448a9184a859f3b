package org.jnrf.network.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-thread working memory of one forward/backward pass: named 'f'-order buffers that are reused while the document
 * length stays the same (benchmarks, repeated lengths) and reallocated when it changes, plus the references a layer
 * keeps for its backward pass. Never shared between threads; the model's parameters are the only shared state.
 */
public final class Scratch {
    private final DataType dataType;
    private final Kernels kernels;
    private final Map<String, INDArray> buffers = new HashMap<>();
    private final Map<String, Object> kept = new HashMap<>();

    /** Working memory with the backend-neutral ND4J kernels. */
    public Scratch(DataType dataType) {
        this(dataType, Nd4jKernels.INSTANCE);
    }

    public Scratch(DataType dataType, Kernels kernels) {
        this.dataType = dataType;
        this.kernels = kernels;
    }

    public Kernels kernels() {
        return kernels;
    }

    public DataType dataType() {
        return dataType;
    }

    /** A buffer of the given shape in 'f' order; its content is undefined. */
    public INDArray buffer(String key, long rows, long cols) {
        INDArray b = buffers.get(key);
        if (b == null || b.rows() != rows || b.columns() != cols) {
            release(b);
            b = Nd4j.createUninitialized(dataType, new long[]{rows, cols}, 'f');
            buffers.put(key, b);
        }
        return b;
    }

    void keep(String key, Object value) {
        kept.put(key, value);
    }

    @SuppressWarnings("unchecked")
    <T> T kept(String key) {
        Object v = kept.get(key);
        if (v == null) {
            throw new IllegalStateException("backward pass without forward pass: nothing kept under " + key);
        }
        return (T) v;
    }

    /** Frees every buffer now (after a very long document, to give memory back). */
    public void clear() {
        buffers.values().forEach(Scratch::release);
        buffers.clear();
        kept.clear();
    }

    /**
     * Frees a replaced buffer at once: ND4J's CPU allocations are invisible to the JVM's memory accounting, so
     * waiting for the garbage collector lets native memory grow while training on documents of varying length.
     * A buffer is only replaced when a new document starts, when nothing refers to the old one any more.
     */
    public static void release(INDArray b) {
        if (b != null && b.closeable()) {
            b.close();
        }
    }

    public Cache cache(String prefix) {
        return new Cache(this, prefix);
    }

    /** Bytes currently held in buffers. */
    public long bytes() {
        long n = 0;
        for (INDArray b : buffers.values()) {
            n += b.length() * b.dataType().width();
        }
        return n;
    }
}
