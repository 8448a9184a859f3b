package org.jnrf.network;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * One FNet encoder block: x1 = LN1(x + Re(FFT2(x))); y = LN2(x1 + FF(x1)), FF = Linear(H, eH) -> GELU -> Linear(eH, H).
 * Holds parameters only; every application keeps its activations in its own cache, so one instance can be applied
 * several times (weight sharing) and from several threads (inference).
 */
public final class FNetLayer {
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Linear expand;
    private final Linear contract;
    private final FourierMixer mixer;

    public FNetLayer(String name, int hidden, int expansion, FourierMixer mixer, Init init) {
        this.mixer = mixer;
        this.norm1 = new LayerNorm(name + ".norm1", hidden, init);
        this.expand = new Linear(name + ".ff1", hidden, hidden * expansion, init);
        this.contract = new Linear(name + ".ff2", hidden * expansion, hidden, init);
        this.norm2 = new LayerNorm(name + ".norm2", hidden, init);
    }

    public List<Param> params() {
        List<Param> p = new ArrayList<>(norm1.params());
        p.addAll(expand.params());
        p.addAll(contract.params());
        p.addAll(norm2.params());
        return p;
    }

    public INDArray forward(INDArray x, Cache cache) {
        return forward(x, cache, true);
    }

    /**
     * Residual sums, biases and activations are applied by fused kernels (one pass each instead of two or three);
     * without training nothing is kept for a backward pass.
     */
    public INDArray forward(INDArray x, Cache cache, boolean training) {
        // the LayerNorm inputs are not needed by the backward pass: one buffer serves every application
        INDArray mixed = cache.scratch().buffer("fnet.transient.mixed", x.rows(), x.columns());
        mixer.mix(x, mixed, cache.child("fft"));
        INDArray x1 = norm1.forwardResidual(mixed, x, cache.child("norm1"), training);
        INDArray f = expand.forwardWithoutBias(x1, cache.child("ff1"),
                cache.child("ff1").buffer("y", x.rows(), expand.out()));
        f = Gelu.forwardBiased(f, expand.bias(), cache.child("gelu"), training);
        f = contract.forward(f, cache.child("ff2"), cache.scratch().buffer("fnet.transient.ff2", x.rows(),
                x.columns()));
        return norm2.forwardResidual(f, x1, cache.child("norm2"), training);
    }

    public INDArray backward(INDArray dy, Cache cache) {
        INDArray d1 = norm2.backward(dy, cache.child("norm2"));
        INDArray g = contract.backward(d1, cache.child("ff2"), true);
        g = Gelu.backwardBiased(g, expand.bias(), cache.child("gelu"));
        g = expand.backwardWithoutBias(g, cache.child("ff1"), true);
        cache.kernels().add(g, d1); // residual around the feed-forward
        INDArray d0 = norm1.backward(g, cache.child("norm1"));
        INDArray dx = cache.gradBuffer("dx", dy.rows(), dy.columns());
        mixer.mix(d0, dx, cache.child("fft"));
        cache.kernels().add(dx, d0); // residual around the Fourier mixing
        return dx;
    }
}
