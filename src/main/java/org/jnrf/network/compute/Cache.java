package org.jnrf.network.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The part of a {@link Scratch} that belongs to one application of one layer: what its forward pass keeps for the
 * backward pass, its output buffers, and the buffers of the gradients its backward pass produces. Names are prefixed
 * so that a weight-shared layer applied N times gets N independent caches. Gradient buffers have their own prefix:
 * an encoder reuses two sets of them alternately, since layer i's input gradient is dead once layer i-1 consumed it.
 */
public final class Cache {
    private final Scratch scratch;
    private final String prefix;
    private final String gradPrefix;

    Cache(Scratch scratch, String prefix) {
        this(scratch, prefix, prefix);
    }

    private Cache(Scratch scratch, String prefix, String gradPrefix) {
        this.scratch = scratch;
        this.prefix = prefix;
        this.gradPrefix = gradPrefix;
    }

    public INDArray buffer(String name, long rows, long cols) {
        return scratch.buffer(prefix + '.' + name, rows, cols);
    }

    /** A buffer for a gradient computed by a backward pass. */
    public INDArray gradBuffer(String name, long rows, long cols) {
        return scratch.buffer(gradPrefix + "#grad." + name, rows, cols);
    }

    /** A reused Java array of at least {@code length} floats ({@link Scratch#floats}). */
    public float[] floats(String name, int length) {
        return scratch.floats(prefix + '.' + name, length);
    }

    /** A reused Java array of at least {@code length} ints ({@link Scratch#ints}). */
    public int[] ints(String name, int length) {
        return scratch.ints(prefix + '.' + name, length);
    }

    public void keep(String name, Object value) {
        scratch.keep(prefix + '.' + name, value);
    }

    public <T> T kept(String name) {
        return scratch.kept(prefix + '.' + name);
    }

    public Cache child(String name) {
        return new Cache(scratch, prefix + '.' + name, gradPrefix + '.' + name);
    }

    /** The same cache, with the gradient buffers of {@code other}. */
    public Cache withGradientsOf(Cache other) {
        return new Cache(scratch, prefix, other.gradPrefix);
    }

    public Kernels kernels() {
        return scratch.kernels();
    }

    public Scratch scratch() {
        return scratch;
    }
}
