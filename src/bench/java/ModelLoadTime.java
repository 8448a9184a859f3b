import org.jnrf.model.JnrfModel;

import java.nio.file.Path;

/**
 * Loads a model file N times in one JVM and prints each load's time: the first includes class loading and ND4J's
 * start, the later ones are the loading itself (docs/BENCHMARKS.md). A development harness, not part of the product.
 *
 * <pre>
 * java -cp target/jnrf-uima-0.1.0-SNAPSHOT-app.jar src/bench/java/ModelLoadTime.java \
 *      resources/models/jnrf-phee-fnet-ensemble.zip 5
 * </pre>
 */
public class ModelLoadTime {
    public static void main(String[] args) throws Exception {
        int times = Integer.parseInt(args[1]);
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            JnrfModel.load(Path.of(args[0]));
            System.out.printf("load %d: %.2f s%n", i, (System.nanoTime() - start) / 1e9);
        }
    }
}
