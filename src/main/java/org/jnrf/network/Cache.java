package org.jnrf.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The part of a {@link Scratch} that belongs to one application of one layer: what its forward pass keeps for the
 * backward pass, and its output buffers. Names are prefixed so that a weight-shared layer applied N times gets N
 * independent caches.
 */
public final class Cache {
    private final Scratch scratch;
    private final String prefix;

    Cache(Scratch scratch, String prefix) {
        this.scratch = scratch;
        this.prefix = prefix;
    }

    public INDArray buffer(String name, long rows, long cols) {
        return scratch.buffer(prefix + '.' + name, rows, cols);
    }

    public void keep(String name, Object value) {
        scratch.keep(prefix + '.' + name, value);
    }

    public <T> T kept(String name) {
        return scratch.kept(prefix + '.' + name);
    }

    public Cache child(String name) {
        return new Cache(scratch, prefix + '.' + name);
    }

    public Kernels kernels() {
        return scratch.kernels();
    }

    public Scratch scratch() {
        return scratch;
    }
}
