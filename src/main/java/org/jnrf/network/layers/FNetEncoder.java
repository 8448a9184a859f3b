package org.jnrf.network.layers;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.fourier.FourierMixer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * N applications of FNet blocks: one block applied N times (weight-shared, as the JNRF paper describes) or N
 * independent blocks (untied).
 */
public final class FNetEncoder {
    private final List<FNetLayer> blocks = new ArrayList<>();
    private final int applications;

    public FNetEncoder(int hidden, int expansion, int layers, boolean tied, FourierMixer mixer, Init init) {
        if (layers < 1) {
            throw new IllegalArgumentException("the encoder needs at least one layer");
        }
        this.applications = layers;
        int distinct = tied ? 1 : layers;
        for (int i = 0; i < distinct; i++) {
            blocks.add(new FNetLayer("encoder." + i, hidden, expansion, mixer, init));
        }
    }

    public List<Param> params() {
        List<Param> p = new ArrayList<>();
        blocks.forEach(b -> p.addAll(b.params()));
        return p;
    }

    private FNetLayer block(int application) {
        return blocks.get(blocks.size() == 1 ? 0 : application);
    }

    /**
     * Block outputs go to two buffers used alternately: a block's output is only read by the next block's forward
     * pass. When not training, two caches are used alternately too (activations of earlier layers are not needed),
     * which bounds inference memory independently of the depth.
     */
    public INDArray forward(INDArray x, Cache cache, boolean training) {
        INDArray h = x;
        for (int i = 0; i < applications; i++) {
            INDArray out = cache.child("out" + (i % 2)).buffer("y", x.rows(), x.columns());
            h = block(i).forward(h, cache.child("app" + (training ? i : i % 2)), training, out);
        }
        return h;
    }

    public INDArray backward(INDArray dy, Cache cache) {
        INDArray g = dy;
        for (int i = applications - 1; i >= 0; i--) {
            Cache app = cache.child("app" + i);
            g = block(i).backward(g, app.withGradientsOf(cache.child("grad" + (i % 2))));
        }
        return g;
    }
}
