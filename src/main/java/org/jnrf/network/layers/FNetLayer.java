package org.jnrf.network.layers;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.fourier.FourierMixer;
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

    public INDArray forward(INDArray x, Cache cache, boolean training) {
        return forward(x, cache, training, cache.child("norm2").buffer("y", x.rows(), x.columns()));
    }

    /**
     * Writes the block's output into {@code out}. Residual sums, biases and activations are applied by fused kernels
     * (one pass each instead of two or three); without training nothing is kept for a backward pass. What the
     * backward pass does not need lives in buffers shared by every application (the Fourier and feed-forward
     * outputs; the GELU and first LayerNorm outputs, which the backward pass recomputes from the kept pre-activation
     * and normalised values), so training memory per layer is the two LayerNorms' normalised values and the
     * feed-forward pre-activation: at L=8192 and H=768 about 120 MB instead of 250.
     */
    public INDArray forward(INDArray x, Cache cache, boolean training, INDArray out) {
        long rows = x.rows();
        INDArray mixed = cache.scratch().buffer("fnet.transient.mixed", rows, x.columns());
        mixer.mix(x, mixed, cache.child("fft"));
        INDArray x1 = norm1.forwardResidual(mixed, x, cache.child("norm1"), training,
                cache.scratch().buffer("fnet.transient.x1", rows, x.columns()));
        INDArray f = expand.forwardWithoutBias(x1, cache.child("ff1"), cache.child("ff1").buffer("y", rows,
                expand.out()));
        f = Gelu.forwardBiased(f, expand.bias(), cache.scratch().buffer("fnet.transient.gelu", rows, expand.out()),
                cache.child("gelu"), training);
        f = contract.forward(f, cache.child("ff2"), cache.scratch().buffer("fnet.transient.ff2", rows, x.columns()));
        return norm2.forwardResidual(f, x1, cache.child("norm2"), training, out);
    }

    /**
     * The gradients inside the block go to buffers shared by every application (they are dead when the block
     * returns), the feed-forward ones into the shared buffers of the activations they replace; only the input
     * gradient goes to the cache's own gradient buffer.
     */
    public INDArray backward(INDArray dy, Cache cache) {
        Cache inner = cache.withGradientsOf(cache.scratch().cache("fnet.transient"));
        INDArray d1 = norm2.backward(dy, inner.child("norm2"));
        // each linear layer's input is recomputed for its weight gradient, then takes its input gradient
        INDArray g = contract.backward(d1, inner.child("ff2"), Gelu.recomputeOutput(cache.child("gelu")));
        g = Gelu.backwardBiasedInPlace(g, expand.bias(), inner.child("gelu"));
        g = expand.backwardWithoutBias(g, inner.child("ff1"), norm1.recomputeOutput(cache.child("norm1")));
        cache.kernels().add(g, d1); // residual around the feed-forward
        INDArray d0 = norm1.backward(g, inner.child("norm1"));
        INDArray dx = cache.gradBuffer("dx", dy.rows(), dy.columns());
        mixer.mix(d0, dx, cache.child("fft"));
        cache.kernels().add(dx, d0); // residual around the Fourier mixing
        return dx;
    }
}
