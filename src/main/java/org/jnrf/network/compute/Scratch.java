package org.jnrf.network.compute;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-thread working memory of one forward/backward pass: named 'f'-order buffers, plus the references a layer keeps
 * for its backward pass. On the CPU backend each name owns a block of memory that only grows (by a quarter at a time,
 * at most {@link #MAX_HEADROOM} values beyond what is asked), and a buffer is the block's first rows x cols values: documents of changing length reuse the same
 * memory, and after the longest document no buffer is allocated again ({@link #allocations()} counts them). Never
 * shared between threads; the model's parameters are the only shared state.
 */
public final class Scratch {
    private final DataType dataType;
    private final Kernels kernels;
    private final Map<String, Slot> buffers = new HashMap<>();
    private long allocations;

    /** A name's memory (capacity values) and the buffer last handed out over it. */
    private static final class Slot {
        INDArray storage;
        INDArray shaped;
    }

    /** Growth of a block that is too small: a slowly lengthening batch still allocates O(log) times. */
    private static final double GROWTH = 1.25;
    /**
     * At most this many values of headroom per block: the blocks of long notes keep about their exact size, so that
     * the peak memory of a batch stays what its longest note needs.
     */
    private static final long MAX_HEADROOM = 1L << 20;
    private final Map<String, Object> kept = new HashMap<>();
    /** Java arrays of the host paths, by name: like the blocks, they only grow. */
    private final Map<String, float[]> floatArrays = new HashMap<>();
    private final Map<String, int[]> intArrays = new HashMap<>();

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
        Slot slot = buffers.computeIfAbsent(key, k -> new Slot());
        INDArray b = slot.shaped;
        if (b != null && b.rows() == rows && b.columns() == cols) {
            return b;
        }
        long need = rows * cols;
        if (need == 0) {
            slot.shaped = Nd4j.createUninitialized(dataType, new long[]{rows, cols}, 'f');
            return slot.shaped;
        }
        long capacity = slot.storage == null ? 0 : slot.storage.length();
        if (capacity < need || (capacity != need && !ComputeBackend.isCpu())) {
            release(slot.storage);
            // a device backend's buffers are not plain host memory: there, a block has the exact size asked for
            long grown = capacity == 0 || !ComputeBackend.isCpu() ? need
                    : Math.max(need, Math.min((long) Math.ceil(capacity * GROWTH), need + MAX_HEADROOM));
            slot.storage = Nd4j.createUninitialized(dataType, new long[]{grown}, 'f');
            allocations++;
            capacity = grown;
        }
        DataBuffer data = slot.storage.data();
        if (capacity != need) {
            // the block's first values as a buffer of their own (not a view): every host path takes it as it takes
            // an exactly sized array, and it does not own the memory, which the block keeps
            data = Nd4j.createBuffer(data.pointer(), dataType, need, data.indexer());
        }
        slot.shaped = Nd4j.create(data, new long[]{rows, cols}, new long[]{1, rows}, 0, 'f');
        return slot.shaped;
    }

    /**
     * A Java array of at least {@code length} floats kept under {@code key} (content undefined): a host path's working
     * array, reused by every document of this thread, with the lifetime of this scratch.
     */
    public float[] floats(String key, int length) {
        return reused(floatArrays, key, length, a -> a.length, float[]::new);
    }

    /** As {@link #floats}, for ints. */
    public int[] ints(String key, int length) {
        return reused(intArrays, key, length, a -> a.length, int[]::new);
    }

    private static <A> A reused(Map<String, A> arrays, String key, int length,
                                java.util.function.ToIntFunction<A> size, java.util.function.IntFunction<A> create) {
        A a = arrays.get(key);
        if (a == null || size.applyAsInt(a) < length) {
            a = create.apply(length);
            arrays.put(key, a);
        }
        return a;
    }

    /** Blocks of memory allocated so far (each replaced or new block counts once). */
    public long allocations() {
        return allocations;
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
        buffers.values().forEach(slot -> release(slot.storage));
        buffers.clear();
        kept.clear();
        floatArrays.clear();
        intArrays.clear();
    }

    /**
     * Frees a replaced buffer at once: ND4J's CPU allocations are invisible to the JVM's memory accounting, so
     * waiting for the garbage collector lets native memory grow while training on documents of varying length.
     * A block is only replaced when a new document starts, when nothing refers to the old one any more.
     */
    public static void release(INDArray b) {
        if (b != null && b.closeable()) {
            b.close();
        }
    }

    public Cache cache(String prefix) {
        return new Cache(this, prefix);
    }

    /** Bytes currently held in buffers and host arrays. */
    public long bytes() {
        long n = 0;
        for (float[] a : floatArrays.values()) {
            n += 4L * a.length;
        }
        for (int[] a : intArrays.values()) {
            n += 4L * a.length;
        }
        for (Slot slot : buffers.values()) {
            if (slot.storage != null) {
                n += slot.storage.length() * slot.storage.dataType().width();
            }
        }
        return n;
    }
}
