package org.jnrf.network;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Threads of ND4J's native ops (OpenMP) and of its BLAS. Set at run time (OMP_NUM_THREADS works too, but only before
 * the JVM starts). One thread is faster for tiny matrices or when other processes share the cores (OpenMP threads
 * spin while they wait).
 */
public final class ComputeThreads {
    private ComputeThreads() {
    }

    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        Nd4j.scalar(0f); // loads the backend before its native ops are touched
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** The current OpenMP and BLAS thread counts, to put back with {@link #restore}. */
    public record Setting(int omp, int blas) {
    }

    public static Setting current() {
        Nd4j.scalar(0f);
        return new Setting(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(),
                Nd4j.factory().blas().getMaxThreads());
    }

    public static void restore(Setting setting) {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(setting.omp());
        Nd4j.factory().blas().setMaxThreads(setting.blas());
    }

    public static int get() {
        Nd4j.scalar(0f);
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }
}
