package org.jnrf.network.fourier;

import org.jnrf.network.compute.Cache;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * FNet token mixing: out = Re(F_L x F_H), the real part of the 2-D DFT over sequence and hidden dimension. The map
 * is linear and self-adjoint (both DFT matrices are symmetric, and for real x the real part of F_L x F_H is
 * C_L x C_H - S_L x S_H), so the backward pass applies the same transform to the gradient.
 * Implementations are thread-safe; per-call memory comes from the cache.
 */
public interface FourierMixer {
    /** Writes Re(FFT2(x)) into out; x and out are (L x H) and distinct. */
    void mix(INDArray x, INDArray out, Cache cache);

    /** Short name for logs and benchmarks. */
    String name();
}
