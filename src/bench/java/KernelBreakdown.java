import org.jnrf.network.*;
import org.jnrf.network.compute.*;
import org.jnrf.network.fourier.*;
import org.jnrf.network.layers.*;
import org.jnrf.network.optimizer.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import java.lang.reflect.*;
import java.util.*;

/**
 * Where a training step and an inference of the reference-size network go, per kernel kind: a development harness
 * for docs/BENCHMARKS.md, not part of the product (the same synthetic document as {@code ./jnrf bench}).
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp target/jnrf-uima-0.1.0-SNAPSHOT-app.jar src/bench/java/KernelBreakdown.java 2048 5
 * </pre>
 *
 * Arguments: document length, timed runs (after two untimed ones). Each {@link Kernels} call and each Fourier mixing
 * is timed on the calling thread; "rest" is the step's time outside them (embedding, pooling, softmax, decoding,
 * relation features, thread hand-offs). The timing wrapper is not a {@code HostKernels}, so the embedding lookup and
 * gradient and the span pooling take their ND4J paths here instead of the host paths the product takes: "rest" is
 * larger than in {@code ./jnrf bench}, and the total step with it.
 */
public class KernelBreakdown {
    static final Map<String, long[]> T = new TreeMap<>();
    static final Map<String, Double> FLOPS = new TreeMap<>();
    static boolean on;
    static void add(String k, long ns) { if (on) { long[] v = T.computeIfAbsent(k, x -> new long[2]); v[0] += ns; v[1]++; } }

    public static void main(String[] args) throws Exception {
        int L = Integer.parseInt(args[0]); int runs = Integer.parseInt(args[1]);
        ComputeThreads.set(2);
        Kernels host = new HostKernels(2);
        Kernels timed = (Kernels) Proxy.newProxyInstance(Kernels.class.getClassLoader(), new Class<?>[]{Kernels.class}, (p, m, a) -> {
            long t = System.nanoTime();
            try { return m.invoke(host, a); } catch (InvocationTargetException e) { throw e.getCause(); }
            finally {
                String n = m.getName();
                if (n.equals("gemm")) {
                    INDArray x = (INDArray) a[0];
                    INDArray c = (INDArray) a[2];
                    double flops = 2.0 * c.rows() * c.columns() * ((Boolean) a[3] ? x.rows() : x.columns());
                    n = c.rows() * c.columns() >= 500_000 ? "gemm_big" : "gemm_small"; // by output size
                    if (on) FLOPS.merge(n, flops, Double::sum);
                }
                add(n, System.nanoTime() - t);
            }
        });
        FourierMixer jt = FourierMixers.create("jtransforms", 2);
        FourierMixer mixer = new FourierMixer() {
            public void mix(INDArray x, INDArray out, Cache c) { long t = System.nanoTime(); jt.mix(x, out, c); add("fft", System.nanoTime() - t); }
            public String name() { return "timed"; }
        };
        List<String> mods = List.of("ADE", "Dosage", "Duration", "Form", "Frequency", "Reason", "Route", "Strength");
        List<String> ents = new ArrayList<>(mods); ents.add("Drug");
        List<String> rels = mods.stream().map(m -> m + "-Drug").toList();
        boolean[][] allowed = new boolean[rels.size()][ents.size()];
        for (int r = 0; r < rels.size(); r++) allowed[r][r] = true;
        LabelSpace labels = new LabelSpace(ents, "Drug", rels, allowed);
        NetworkConfig config = new NetworkConfig(30000, 768, 768, 6, 3, true, 768, 64, DataType.FLOAT, 1);
        JnrfNetwork net = new JnrfNetwork(config, labels, mixer, timed);
        List<Param> all = net.params();
        // Adam with the host kernels themselves (it takes their sparse-row path only for HostKernels)
        Adam adamEmb = new Adam(all.subList(0, 1), 0.9, 0.999, 1e-8, host);
        Adam adamRest = new Adam(all.subList(1, all.size()), 0.9, 0.999, 1e-8, host);
        Method syn = Class.forName("org.jnrf.cli.BenchCommand").getDeclaredMethod("syntheticDocument", int.class, LabelSpace.class);
        syn.setAccessible(true);
        TrainingExample doc = (TrainingExample) syn.invoke(null, L, labels);
        Scratch scratch = net.newScratch();
        LossOptions options = new LossOptions(null, false, 1.0);
        for (String mode : new String[]{"train", "infer"}) {
            T.clear(); FLOPS.clear(); long total = 0;
            for (int i = -2; i < runs; i++) {
                on = i >= 0;
                long t0 = System.nanoTime();
                if (mode.equals("train")) {
                    net.zeroGrads();
                    net.computeGradients(doc, options, scratch);
                    long ta = System.nanoTime();
                    double f = GradientClipping.clipFactor(net.params(), 1.0);
                    long tb = System.nanoTime();
                    adamEmb.update(1e-5, f);
                    long tc = System.nanoTime();
                    adamRest.update(1e-5, f);
                    add("clip", tb - ta);
                    add("adam embedding rows", tc - tb);
                    add("adam dense", System.nanoTime() - tc);
                } else {
                    long e0 = System.nanoTime();
                    JnrfNetwork.EncodedDocument enc = net.encode(doc.tokenIds(), null, scratch);
                    long e1 = System.nanoTime();
                    net.relationProbabilities(enc, doc.entities());
                    long e2 = System.nanoTime();
                    add("encode(total)", e1 - e0);
                    add("relationProbabilities(total)", e2 - e1);
                }
                if (on) total += System.nanoTime() - t0;
            }
            System.out.printf("== %s L=%d: %.1f ms per step%n", mode, L, total / 1e6 / runs);
            long accounted = 0;
            for (var e : T.entrySet()) {
                Double f = FLOPS.get(e.getKey());
                System.out.printf("  %-28s %8.1f ms  (%d calls)%s%n", e.getKey(), e.getValue()[0] / 1e6 / runs, e.getValue()[1] / runs,
                        f == null ? "" : String.format(" %.0f GFLOP/s", f / e.getValue()[0]));
                if (!e.getKey().endsWith("(total)")) accounted += e.getValue()[0];
            }
            System.out.printf("  %-28s %8.1f ms%n", "rest", (total - accounted) / 1e6 / runs);
        }
        System.exit(0);
    }
}
