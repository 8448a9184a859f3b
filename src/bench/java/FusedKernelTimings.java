import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.compute.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The FNet layer's fused kernels against the separate kernels they replace, on (L x H) and (L x eH) activations,
 * median milliseconds per call: a development harness for docs/BENCHMARKS.md, not part of the product. Isolated from
 * the GEMMs so that a few milliseconds stand out of the whole step's run-to-run noise.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp target/jnrf-uima-0.1.0-SNAPSHOT-app.jar src/bench/java/FusedKernelTimings.java 2048 768 3 2 21 auto
 * </pre>
 *
 * Arguments: lengths (comma-separated), hidden width, feed-forward expansion, threads, timed runs, kernels (auto, host
 * or nd4j).
 */
public class FusedKernelTimings {
    private final Kernels kernels;
    private final int runs;

    FusedKernelTimings(Kernels kernels, int runs) {
        this.kernels = kernels;
        this.runs = runs;
    }

    public static void main(String[] args) {
        int hidden = Integer.parseInt(args[1]);
        int expansion = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        ComputeThreads.set(threads);
        FusedKernelTimings timings = new FusedKernelTimings(Kernels.create(args[5], threads),
                Math.max(Integer.parseInt(args[4]), 1));
        for (String length : args[0].split(",")) {
            timings.print(Integer.parseInt(length.trim()), hidden, expansion, System.out);
        }
    }

    void print(int length, int hidden, int expansion, PrintStream out) {
        INDArray x = rand(length, hidden);
        INDArray r = rand(length, hidden);
        INDArray work = Nd4j.create(DataType.FLOAT, new long[]{length, hidden}, 'f');
        INDArray y = Nd4j.create(DataType.FLOAT, new long[]{length, hidden}, 'f');
        INDArray xhat = Nd4j.create(DataType.FLOAT, new long[]{length, hidden}, 'f');
        INDArray invStd = Nd4j.create(DataType.FLOAT, new long[]{length, 1}, 'f');
        INDArray gain = Nd4j.ones(DataType.FLOAT, 1, hidden);
        INDArray shift = Nd4j.zeros(DataType.FLOAT, 1, hidden);
        INDArray wide = rand(length, hidden * expansion);
        INDArray wideOut = Nd4j.create(DataType.FLOAT, new long[]{length, (long) hidden * expansion}, 'f');
        INDArray dy = rand(length, hidden * expansion);
        INDArray bias = rand(1, hidden * expansion);
        INDArray biasGrad = Nd4j.zeros(DataType.FLOAT, 1, hidden * expansion);
        out.printf("L=%d bias_gelu_ms separate=%.2f fused=%.2f fused_inference=%.2f%n", length,
                time(() -> {
                    kernels.addRowVector(wide, bias);
                    kernels.gelu(wide, wideOut);
                }),
                time(() -> kernels.biasGelu(wide, bias, wideOut, true)),
                time(() -> kernels.biasGelu(wide, bias, wideOut, false)));
        out.printf("L=%d gelu_backward_bias_grad_ms separate=%.2f fused=%.2f%n", length,
                time(() -> {
                    kernels.geluBackward(wide, dy, wideOut);
                    kernels.addColumnSums(wideOut, biasGrad);
                }),
                time(() -> kernels.geluBackwardBiasGrad(wide, dy, wideOut, biasGrad)));
        out.printf("L=%d residual_layernorm_ms separate=%.2f fused=%.2f fused_inference=%.2f%n", length,
                time(() -> {
                    work.assign(x).addi(r);
                    kernels.layerNorm(work, gain, shift, 1e-5, xhat, invStd, y);
                }),
                time(() -> kernels.addLayerNorm(work.assign(x), r, gain, shift, 1e-5, xhat, invStd, y)),
                time(() -> kernels.addLayerNorm(work.assign(x), r, gain, shift, 1e-5, null, null, y)));
    }

    private static INDArray rand(long rows, long cols) {
        return Nd4j.rand(DataType.FLOAT, rows, cols).dup('f');
    }

    private double time(Runnable body) {
        for (int i = 0; i < 3; i++) {
            body.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
