package org.jnrf.cli;

import org.jnrf.network.optimizer.Adam;
import org.jnrf.network.BioScheme;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.EntitySpan;
import org.jnrf.network.fourier.FourierMixer;
import org.jnrf.network.fourier.FourierMixers;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.LabelSpace;
import org.jnrf.network.LossOptions;
import org.jnrf.network.NetworkConfig;
import org.jnrf.network.RelationPair;
import org.jnrf.network.TrainingExample;
import org.jnrf.training.Trainer;
import org.jnrf.network.compute.Kernels;
import org.jnrf.network.compute.Scratch;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.jnrf.uima.ModelLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Speed of the network on synthetic documents with random weights. Entities sit at fixed densities (a Drug every
 * 1/drug-density tokens, a modifier every 1/entity-density tokens) instead of where the untrained tagger would put
 * them, so the relation head costs what it costs in a trained model. Prints, per length, the median seconds per
 * document of a training step (forward, loss, backward, clipping, Adam) and of inference, then peak memory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time training steps and inference of the network on synthetic documents, or (--annotate) "
                + "annotate on real notes.")
public final class BenchCommand implements Callable<Integer> {
    private static final List<String> MODIFIERS = List.of("ADE", "Dosage", "Duration", "Form", "Frequency", "Reason",
            "Route", "Strength");

    @Option(names = "--hidden", defaultValue = "768", description = "model width (default ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--layers", defaultValue = "6", description = "FNet layers (default ${DEFAULT-VALUE})")
    int layers;
    @Option(names = "--expansion", defaultValue = "3", description = "feed-forward factor (default ${DEFAULT-VALUE})")
    int expansion;
    @Option(names = "--untied", description = "separate weights per FNet layer")
    boolean untied;
    @Option(names = "--relation-dim", description = "per-class width of the relation scorer (default: hidden)")
    Integer relationDim;
    @Option(names = "--vocabulary", defaultValue = "30000", description = "vocabulary size (default ${DEFAULT-VALUE})")
    int vocabulary;
    @Option(names = "--lengths", defaultValue = "512,2048,8192", split = ",",
            description = "document lengths in tokens (default ${DEFAULT-VALUE})")
    int[] lengths;
    @Option(names = "--entity-density", defaultValue = "0.08", description = "modifiers per token (default ${DEFAULT-VALUE})")
    double entityDensity;
    @Option(names = "--drug-density", defaultValue = "0.03", description = "anchors per token (default ${DEFAULT-VALUE})")
    double drugDensity;
    @Option(names = "--threads", description = "compute threads (ND4J OpenMP + BLAS + FFT; default: all cores)")
    Integer threads;
    @Option(names = "--runs", defaultValue = "5", description = "timed runs per length (default ${DEFAULT-VALUE})")
    int runs;
    @Option(names = "--warmup", defaultValue = "2", description = "untimed runs per length first (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--fourier", defaultValue = "auto", description = "auto, jtransforms or matmul (default ${DEFAULT-VALUE})")
    String fourier;
    @Option(names = "--kernels", defaultValue = "auto", description = "auto, host or nd4j (default ${DEFAULT-VALUE})")
    String kernels;
    @Option(names = "--frozen-embeddings", description = "do not train the embedding table (as the reference "
            + "benchmark's configuration: no gradient and no optimizer state for it)")
    boolean frozenEmbeddings;
    @Option(names = "--skip-training", description = "time inference only")
    boolean skipTraining;
    @Option(names = "--annotate", paramLabel = "PATH", arity = "1..*",
            description = "time annotate on these notes (.txt files or folders) instead of synthetic documents: end "
                    + "to end, then where the time goes (the options above are then ignored, but --threads and "
                    + "--model)")
    List<Path> annotate;
    @Option(names = "--model", paramLabel = "FILE", converter = ModelLocationConverter.class,
            description = "with --annotate: the model (default: the one shipped in the jar)")
    ModelLocation model;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (annotate != null) {
            for (Path input : annotate) {
                Inputs.requireExisting(spec, input, "--annotate");
            }
            if (model != null) {
                Inputs.requireModel(spec, model, "--model");
            }
            int processing = threads != null ? threads : 1;
            if (processing < 1) {
                throw Inputs.bad(spec, "--threads must be at least 1");
            }
            return new AnnotateBench(annotate, model, processing, spec.commandLine().getOut()).run();
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ComputeThreads.set(t);
        FourierMixer mixer = FourierMixers.create(fourier, t);
        List<String> entityTypes = new ArrayList<>(MODIFIERS);
        entityTypes.add("Drug");
        List<String> relationTypes = MODIFIERS.stream().map(m -> m + "-Drug").toList();
        boolean[][] allowed = new boolean[relationTypes.size()][entityTypes.size()];
        for (int r = 0; r < relationTypes.size(); r++) {
            allowed[r][r] = true;
        }
        LabelSpace labels = new LabelSpace(entityTypes, "Drug", relationTypes, allowed);
        NetworkConfig config = new NetworkConfig(vocabulary, hidden, hidden, layers, expansion, !untied,
                relationDim != null ? relationDim : hidden, 64, DataType.FLOAT, 1);
        JnrfNetwork network = new JnrfNetwork(config, labels, mixer, Kernels.create(kernels, t), null,
                !frozenEmbeddings);
        Adam adam = Adam.standard(network);
        long paramCount = network.params().stream().mapToLong(p -> p.value().length()).sum();
        System.out.printf("# hidden=%d layers=%d expansion=%d tied=%b relation_classes=%d threads=%d fourier=%s"
                        + " kernels=%s parameters=%d%n", hidden, layers, expansion, !untied,
                labels.relationClassCount(), t, mixer.name(), network.kernels().name(), paramCount);
        long scratchPeak = 0;
        for (int length : lengths) {
            TrainingExample doc = syntheticDocument(length, labels, entityDensity, drugDensity, vocabulary);
            Scratch scratch = network.newScratch();
            LossOptions options = new LossOptions(null, false, 1.0);
            if (!skipTraining) {
                double[] times = new double[runs];
                for (int i = -warmup; i < runs; i++) {
                    long start = System.nanoTime();
                    Trainer.step(network, adam, doc, options, scratch, 1e-5, 1.0);
                    if (i >= 0) {
                        times[i] = (System.nanoTime() - start) / 1e9;
                    }
                }
                double median = median(times);
                System.out.printf("L=%d train_s_per_doc=%.3f tokens_per_s=%.0f%n", length, median, length / median);
            }
            double[] times = new double[runs];
            for (int i = -warmup; i < runs; i++) {
                long start = System.nanoTime();
                network.predictWithEntities(doc.tokenIds(), doc.entities(), scratch);
                if (i >= 0) {
                    times[i] = (System.nanoTime() - start) / 1e9;
                }
            }
            double median = median(times);
            System.out.printf("L=%d infer_s_per_doc=%.3f tokens_per_s=%.0f%n", length, median, length / median);
            scratchPeak = Math.max(scratchPeak, scratch.bytes());
            scratch.clear();
        }
        // ND4J's CPU backend allocates outside JavaCPP's accounting, so the off-heap figure is counted here:
        // parameters, gradients and Adam moments of the trainable ones, and the largest set of activation buffers
        long arrays = scratchPeak;
        for (org.jnrf.network.layers.Param p : network.params()) {
            long bytes = p.value().length() * p.value().dataType().width();
            arrays += bytes * (!p.isTrainable() ? 1 : p.isRowSparse() ? 3 : 4);
        }
        System.out.printf("peak_rss_mb=%.0f nd4j_offheap_mb=%.0f%n", peakRssKb() / 1024.0, arrays / 1048576.0);
        return 0;
    }

    /** Anchors every 1/drugDensity tokens, modifiers every 1/entityDensity tokens, each modifier related to the
     * nearest anchor. */
    static TrainingExample syntheticDocument(int length, LabelSpace labels) {
        return syntheticDocument(length, labels, 0.08, 0.03, 30000);
    }

    static TrainingExample syntheticDocument(int length, LabelSpace labels, double entityDensity, double drugDensity,
                                             int vocabulary) {
        SplittableRandom random = new SplittableRandom(length);
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = 5 + random.nextInt(vocabulary - 5);
        }
        int[] tags = new int[length];
        int anchorType = labels.anchorTypeIndex();
        List<EntitySpan> entities = new ArrayList<>();
        List<Integer> anchorPositions = new ArrayList<>();
        List<Integer> anchorIndex = new ArrayList<>();
        int drugStep = Math.max(1, (int) Math.round(1 / drugDensity));
        for (int p = drugStep / 2; p < length; p += drugStep) {
            anchorPositions.add(p);
            anchorIndex.add(entities.size());
            entities.add(EntitySpan.of(anchorType, p, p + 1));
            tags[p] = BioScheme.begin(anchorType);
        }
        List<RelationPair> relations = new ArrayList<>();
        int step = Math.max(1, (int) Math.round(1 / entityDensity));
        int modifierTypes = labels.entityTypeCount() - 1;
        int k = 0;
        for (int p = 0; p < length; p += step) {
            if (tags[p] != 0) {
                continue;
            }
            int type = k++ % modifierTypes;
            if (type >= anchorType) {
                type++;
            }
            int index = entities.size();
            entities.add(EntitySpan.of(type, p, p + 1));
            tags[p] = BioScheme.begin(type);
            if (!anchorPositions.isEmpty()) {
                int nearest = 0;
                for (int a = 1; a < anchorPositions.size(); a++) {
                    if (Math.abs(anchorPositions.get(a) - p) < Math.abs(anchorPositions.get(nearest) - p)) {
                        nearest = a;
                    }
                }
                for (int r = 0; r < labels.relationTypes().size(); r++) {
                    if (labels.allowed(r, type)) {
                        relations.add(new RelationPair(index, anchorIndex.get(nearest), r));
                        break;
                    }
                }
            }
        }
        return new TrainingExample("synthetic-" + length, ids, tags, entities, relations);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** VmHWM of this process in kB (0 when /proc is not available). */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
