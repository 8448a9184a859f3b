import org.jnrf.network.*;
import org.jnrf.network.compute.*;
import org.jnrf.network.fourier.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
/**
 * How long a 2048 x 768 Re(FFT2) takes right after a matrix product run by OpenBLAS's own threads, by our split
 * single-threaded calls, or with no product before it: OpenBLAS's idle threads keep spinning for a while after a
 * product and take cores from what follows (docs/BENCHMARKS.md). A development harness, not part of the product.
 *
 * <pre>
 * java -cp target/jnrf-uima-0.1.0-SNAPSHOT-app.jar src/bench/java/FftAfterProduct.java
 * </pre>
 */
public class FftAfterProduct {
    public static void main(String[] args) {
        ComputeThreads.set(2);
        INDArray a = Nd4j.rand(DataType.FLOAT, 2048, 768).dup('f'), w = Nd4j.rand(DataType.FLOAT, 768, 768).dup('f');
        INDArray c = Nd4j.create(DataType.FLOAT, new long[]{2048, 768}, 'f'), out = Nd4j.create(DataType.FLOAT, new long[]{2048, 768}, 'f');
        FourierMixer mixer = FourierMixers.create("jtransforms", 2);
        Scratch s = new Scratch(DataType.FLOAT, new HostKernels(2));
        Kernels host = new HostKernels(2);
        for (int rep = 0; rep < 4; rep++) {
            for (String mode : new String[]{"openblas-threads", "host-split", "no-product"}) {
                double total = 0;
                for (int i = 0; i < 20; i++) {
                    if (mode.equals("openblas-threads")) Nd4jKernels.INSTANCE.gemm(a, w, c, false, false, 1, 0);
                    else if (mode.equals("host-split")) host.gemm(a, w, c, false, false, 1, 0);
                    long t = System.nanoTime();
                    mixer.mix(c, out, s.cache("m"));
                    total += System.nanoTime() - t;
                }
                System.out.printf("%-17s Re(FFT2) 2048x768 right after: %.1f ms%n", mode, total / 20e6);
            }
        }
        System.exit(0);
    }
}
