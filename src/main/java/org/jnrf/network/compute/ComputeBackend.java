package org.jnrf.network.compute;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/** Which ND4J backend this JVM runs on; the Fourier mixer, the kernels and the products choose their path by it. */
public final class ComputeBackend {
    private ComputeBackend() {
    }

    /** Whether ND4J runs on its CPU backend (asked once: the backend is fixed for the JVM's life). */
    public static boolean isCpu() {
        return Cpu.ACTIVE;
    }

    private static final class Cpu {
        static final boolean ACTIVE;

        static {
            String backend = Nd4j.getBackend().getClass().getName().toLowerCase(Locale.ROOT);
            ACTIVE = backend.contains(".cpu.") || backend.contains("native");
        }
    }
}
