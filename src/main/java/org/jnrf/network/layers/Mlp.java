package org.jnrf.network.layers;

import org.jnrf.network.compute.Cache;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/** Linear layers with GELU between them (none after the last). */
public final class Mlp {
    private final List<Linear> layers = new ArrayList<>();

    /** sizes = [in, hidden..., out]; at least two entries. */
    public Mlp(String name, int[] sizes, Init init) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs an input and an output size");
        }
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Linear(name + "." + i, sizes[i], sizes[i + 1], init));
        }
    }

    public List<Param> params() {
        List<Param> p = new ArrayList<>();
        layers.forEach(l -> p.addAll(l.params()));
        return p;
    }

    public int out() {
        return layers.get(layers.size() - 1).out();
    }

    public INDArray forward(INDArray x, Cache cache) {
        return forwardAfterFirst(layers.get(0).forward(x, cache.child("lin0")), cache);
    }

    /** The first layer, for a caller that computes its output another way ({@link WindowProjection}). */
    public Linear first() {
        return layers.get(0);
    }

    /** The rest of the MLP on the first layer's output (bias included). */
    public INDArray forwardAfterFirst(INDArray firstOutput, Cache cache) {
        INDArray h = firstOutput;
        for (int i = 1; i < layers.size(); i++) {
            h = Gelu.forward(h, cache.child("act" + (i - 1)));
            h = layers.get(i).forward(h, cache.child("lin" + i));
        }
        return h;
    }

    /**
     * A hidden layer's input gradient goes into the buffer of the activation it came from (dead once the weight
     * gradient is taken); only the MLP's own input gradient needs a buffer of its own.
     */
    public INDArray backward(INDArray dy, Cache cache, boolean inputGrad) {
        INDArray g = dy;
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (i + 1 < layers.size()) {
                g = Gelu.backward(g, cache.child("act" + i));
            }
            Cache lin = cache.child("lin" + i);
            INDArray dx = i > 0 ? lin.kept("x") // the previous activation's buffer
                    : inputGrad ? lin.gradBuffer("dx", g.rows(), layers.get(0).in()) : null;
            g = layers.get(i).backward(g, lin, dx);
        }
        return g;
    }
}
