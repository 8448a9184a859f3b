import org.jnrf.network.compute.*;
import org.jnrf.network.fourier.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
/**
 * One Re(FFT2) of L x H on the CPU mixer (2 threads) at each given length, best and median of the repetitions, three
 * rounds: awkward lengths (a large prime factor) against their power-of-two neighbours (docs/BENCHMARKS.md, "No
 * length penalty"). A development harness, not part of the product.
 *
 * <pre>
 * java -cp target/jnrf-uima-0.1.0-SNAPSHOT-app.jar src/bench/java/MixerLengths.java 256 15 4096 4099 2048 2053
 * </pre>
 */
public class MixerLengths {
    public static void main(String[] args) {
        int h = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        FourierMixer mixer = FourierMixers.create("jtransforms", 2);
        for (int round = 0; round < 3; round++) {
            StringBuilder line = new StringBuilder();
            for (int i = 2; i < args.length; i++) {
                int l = Integer.parseInt(args[i]);
                INDArray x = Nd4j.rand(DataType.FLOAT, l, h).dup('f');
                INDArray out = Nd4j.create(DataType.FLOAT, new long[]{l, h}, 'f');
                Cache cache = new Scratch(DataType.FLOAT).cache("f");
                for (int w = 0; w < 3; w++) {
                    mixer.mix(x, out, cache);
                }
                long[] t = new long[reps];
                for (int r = 0; r < reps; r++) {
                    long start = System.nanoTime();
                    mixer.mix(x, out, cache);
                    t[r] = System.nanoTime() - start;
                }
                java.util.Arrays.sort(t);
                line.append(String.format("L=%d best=%.2fms median=%.2fms  ", l, t[0] / 1e6, t[reps / 2] / 1e6));
            }
            System.out.println(line);
        }
    }
}
