package org.jnrf.network.fourier;

import org.jnrf.network.compute.ComputeBackend;
import org.jnrf.network.compute.ComputeThreads;

import java.util.Locale;

/**
 * Chooses the Fourier implementation: JTransforms on the ND4J CPU backend, ND4J matrix products on any other
 * backend (GPU), so that activations never leave the device. System property {@code jnrf.fourier} =
 * {@code auto|jtransforms|matmul} overrides.
 */
public final class FourierMixers {
    public static final String PROPERTY = "jnrf.fourier";

    private FourierMixers() {
    }

    public static FourierMixer create(String mode, int threads) {
        String m = mode == null ? "auto" : mode.toLowerCase(Locale.ROOT);
        return switch (m) {
            case "jtransforms", "cpu" -> new JTransformsFourierMixer(threads);
            case "matmul", "device" -> new MatmulFourierMixer();
            case "auto" -> ComputeBackend.isCpu() ? new JTransformsFourierMixer(threads) : new MatmulFourierMixer();
            default -> throw new IllegalArgumentException("unknown Fourier implementation '" + mode
                    + "' (expected auto, jtransforms or matmul)");
        };
    }

    /** Honours the system property, else auto. */
    public static FourierMixer fromSystemProperty() {
        return fromSystemProperty(ComputeThreads.hostDefault());
    }

    public static FourierMixer fromSystemProperty(int threads) {
        return create(System.getProperty(PROPERTY, "auto"), threads);
    }
}
