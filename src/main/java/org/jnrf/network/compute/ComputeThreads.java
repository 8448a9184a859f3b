package org.jnrf.network.compute;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Threads of ND4J's native ops (OpenMP) and of matrix products. Set at run time (OMP_NUM_THREADS works too, but only
 * before the JVM starts). One thread is faster for tiny matrices or when other processes share the cores (OpenMP
 * threads spin while they wait). The host kernels split products over their own threads ({@link HostGemm}) and run
 * OpenBLAS single-threaded; the ND4J kernels let OpenBLAS use the product threads.
 */
public final class ComputeThreads {
    /** Threads per matrix product; until {@link #set} is called, the cores (OpenBLAS's own default). */
    private static volatile int products = Runtime.getRuntime().availableProcessors();
    /** The thread count last given to OpenBLAS (0: not yet). */
    private static volatile int blas;

    private ComputeThreads() {
    }

    /**
     * Threads of the host kernels and Fourier transforms unless configured ({@code -Djnrf.threads}): the cores, at
     * most 4.
     */
    public static int hostDefault() {
        return Integer.getInteger("jnrf.threads", Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        Nd4j.scalar(0f); // loads the backend before its native ops are touched
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        products = threads;
        setBlas(threads);
    }

    /** Threads a matrix product may use. */
    public static int products() {
        return products;
    }

    /** OpenBLAS without its own threads, for products that are split over the caller's threads. */
    static void useSingleThreadedBlas() {
        if (blas != 1) {
            setBlas(1);
        }
    }

    /** OpenBLAS with the product threads, for products handed to ND4J whole. */
    static void useLibraryBlasThreads() {
        if (blas != products) {
            setBlas(products);
        }
    }

    private static void setBlas(int threads) {
        Nd4j.factory().blas().setMaxThreads(threads);
        blas = threads;
    }

    /** The current OpenMP and product thread counts, to put back with {@link #restore}. */
    public record Setting(int omp, int products) {
    }

    public static Setting current() {
        Nd4j.scalar(0f);
        return new Setting(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(), products);
    }

    public static void restore(Setting setting) {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(setting.omp());
        products = setting.products();
        setBlas(setting.products());
    }

    public static int get() {
        Nd4j.scalar(0f);
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }
}
