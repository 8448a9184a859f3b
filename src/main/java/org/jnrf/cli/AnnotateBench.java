package org.jnrf.cli;

import org.jnrf.corpus.CorpusFiles;
import org.jnrf.model.JnrfModel;
import org.jnrf.network.ContextualEncoderConfig;
import org.jnrf.network.NetworkConfig;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.compute.Kernels;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.fourier.FourierMixer;
import org.jnrf.network.fourier.FourierMixers;
import org.jnrf.network.layers.ContextWindow;
import org.jnrf.network.transformer.BertShape;
import org.jnrf.network.transformer.EncoderWindows;
import org.jnrf.text.EncodedText;
import org.jnrf.uima.ModelLocation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench --annotate}: the main job on real notes. Runs {@code annotate} end to end (reader, CAS, writers) into
 * a temporary folder, then the same notes through the parts it is made of, each timed on its own: tokenizing, the
 * model's prediction (networks, decoding, relation head), the Fourier mixings of those notes alone, and this
 * machine's SGEMM rate at the model's largest product, which with the model's products per word piece gives the
 * floor. What is left of the prediction beyond tokenizing, mixing and the products at that rate is element-wise
 * work, the embedding, decoding and the relation head; what is left of the end-to-end run beyond the model's load and
 * prediction is reading, the CAS and writing.
 */
final class AnnotateBench {
    private final List<Path> inputs;
    private final ModelLocation model;
    private final int threads;
    private final PrintWriter out;

    AnnotateBench(List<Path> inputs, ModelLocation model, int threads, PrintWriter out) {
        this.inputs = inputs;
        this.model = model == null ? ModelLocation.defaultModel() : model;
        this.threads = threads;
        this.out = out;
    }

    int run() throws Exception {
        List<Path> notes = notes();
        List<String> texts = new ArrayList<>();
        for (Path note : notes) {
            texts.add(Files.readString(note, StandardCharsets.UTF_8));
        }
        long t0 = System.nanoTime();
        JnrfModel loaded = model.load();
        double loadSeconds = seconds(t0);
        NetworkConfig config = loaded.config().networkConfig(DataType.FLOAT, 0);
        int members = loaded.memberCount();

        double endToEnd = endToEnd();

        ComputeThreads.Setting before = ComputeThreads.current();
        ComputeThreads.set(Math.max(1, Runtime.getRuntime().availableProcessors() / threads));
        try {
            List<EncodedText> encoded = new ArrayList<>();
            t0 = System.nanoTime();
            for (String text : texts) {
                encoded.add(loaded.textEncoder().encode(text, null));
            }
            double tokenizing = seconds(t0);
            long pieces = encoded.stream().mapToLong(EncodedText::size).sum();
            predictAll(loaded, texts); // warm-up: JIT, plans, scratch blocks
            t0 = System.nanoTime();
            predictAll(loaded, texts);
            double predicting = seconds(t0);
            double mixing = mixing(loaded, config, encoded) * members;
            double gemmRate = gemmRate(config);
            int tags = loaded.config().labelSpace().tagCount();
            double flopPerPiece = 0;
            for (EncodedText note : encoded) {
                flopPerPiece += flop(config, tags, note.size(), distinctPieces(note)) / pieces;
            }
            // the notes are predicted `threads` at a time, each thread's products at the rate measured with its
            // share of the cores
            int parallelNotes = Math.min(threads, texts.size());
            double floorSeconds = flopPerPiece * members * pieces / (gemmRate * parallelNotes);
            double networks = predicting - tokenizing;

            out.printf("# model=%s members=%d hidden=%d layers=%d expansion=%d window=%d notes=%d pieces=%d threads=%d"
                            + " compute_threads=%d fourier=%s%n", model.location(), members, config.hidden(),
                    config.layers(), config.expansion(), config.contextWindow(), notes.size(), pieces, threads,
                    ComputeThreads.products(), loaded.fourierImplementation());
            out.printf("end_to_end_s=%.2f notes_per_s=%.1f pieces_per_s=%.0f (annotate: reading, model loading,"
                    + " prediction, CAS, writing brat)%n", endToEnd, notes.size() / endToEnd, pieces / endToEnd);
            out.printf("predict_s=%.2f notes_per_s=%.1f pieces_per_s=%.0f (JnrfModel.predict, warm)%n", predicting,
                    notes.size() / predicting, pieces / predicting);
            out.printf("  model_load_s=%.2f%n", loadSeconds);
            out.printf("  tokenizing_s=%.2f (%.0f%% of predict)%n", tokenizing, 100 * tokenizing / predicting);
            out.printf("  fourier_mixing_s=%.2f (%.0f%%; timed alone at each note's length, all layers and"
                    + " members)%n", mixing, 100 * mixing / predicting);
            out.printf("  products_at_gemm_rate_s=%.2f (%.0f%%; %.2f MFLOP per piece per network, %.1f GFLOP/s"
                    + " measured for one %d x %d x %d SGEMM on %d core(s), times %d notes at a time)%n", floorSeconds,
                    100 * floorSeconds / predicting, flopPerPiece / 1e6, gemmRate / 1e9, GEMM_ROWS,
                    gemmShape(config)[0], gemmShape(config)[1], ComputeThreads.products(), parallelNotes);
            double rest = networks - mixing - floorSeconds;
            out.printf("  rest_s=%.2f (%.0f%%; element-wise kernels, embedding, decoding, relation head)%n", rest,
                    100 * rest / predicting);
            double outside = endToEnd - loadSeconds - predicting;
            out.printf("  reading_cas_writing_s=%.2f (end to end minus model loading and predict)%n", outside);
            out.printf("floor_pieces_per_s=%.0f fraction_of_floor=%.2f (predict) %.2f (end to end)%n",
                    pieces / floorSeconds, floorSeconds / predicting, floorSeconds / endToEnd);
        } finally {
            ComputeThreads.restore(before);
        }
        out.flush();
        return 0;
    }

    private List<Path> notes() throws IOException {
        Set<Path> notes = new LinkedHashSet<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                notes.addAll(CorpusFiles.scanByGlob(input, "*.txt").files());
            } else {
                notes.add(input);
            }
        }
        return new ArrayList<>(notes);
    }

    private double endToEnd() throws IOException {
        Path folder = Files.createTempDirectory("jnrf-bench-annotate");
        try {
            List<String> args = new ArrayList<>(List.of("annotate", "--out", folder.toString(), "--summary", "none",
                    "--no-progress", "--threads", Integer.toString(threads), "--model", model.location()));
            inputs.forEach(p -> args.add(p.toString()));
            long t0 = System.nanoTime();
            int code = new CommandLine(new JnrfCommand()).execute(args.toArray(String[]::new));
            double s = seconds(t0);
            if (code != 0) {
                throw new IllegalStateException("annotate exited with " + code);
            }
            return s;
        } finally {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void predictAll(JnrfModel loaded, List<String> texts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < texts.size(); i = next.getAndIncrement()) {
                        loaded.predict("note-" + i, texts.get(i), loaded.defaultOptions());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Seconds of one network's Fourier mixings of every note (each layer once), the model's implementation. */
    private static double mixing(JnrfModel loaded, NetworkConfig config, List<EncodedText> encoded) {
        FourierMixer mixer = FourierMixers.create(loaded.fourierImplementation(),
                Integer.getInteger(JnrfModel.FFT_THREADS_PROPERTY,
                        Math.min(4, Runtime.getRuntime().availableProcessors())));
        Scratch scratch = new Scratch(DataType.FLOAT);
        int longest = encoded.stream().mapToInt(EncodedText::size).max().orElse(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, longest, config.hidden()).dup('f');
        long total = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up plans and the JIT
            total = 0;
            for (EncodedText e : encoded) {
                int l = e.size();
                if (l == 0) {
                    continue;
                }
                INDArray in = scratch.buffer("in", l, config.hidden());
                in.assign(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, l),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()));
                INDArray result = scratch.buffer("out", l, config.hidden());
                long t0 = System.nanoTime();
                for (int layer = 0; layer < config.layers(); layer++) {
                    mixer.mix(in, result, scratch.cache("mix"));
                }
                total += System.nanoTime() - t0;
            }
        }
        return total / 1e9;
    }

    private static final int GEMM_ROWS = 2048;

    /**
     * Inner and outer size of the model's largest product: the context window's first layer, or with a contextual
     * encoder its feed-forward's first layer.
     */
    private static int[] gemmShape(NetworkConfig config) {
        ContextualEncoderConfig encoder = config.contextualEncoder();
        return encoder != null ? new int[]{encoder.shape().width(), encoder.shape().intermediate()}
                : new int[]{ContextWindow.width(config.embeddingDim(), config.contextWindow()), config.hidden()};
    }

    /** FLOP/s of the model's largest product ({@link #gemmShape}) at 2048 rows, best of eight. */
    private static double gemmRate(NetworkConfig config) {
        int k = gemmShape(config)[0];
        int n = gemmShape(config)[1];
        Kernels kernels = Kernels.fromSystemProperty(ComputeThreads.hostDefault());
        INDArray a = Nd4j.rand(DataType.FLOAT, GEMM_ROWS, k).dup('f');
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n).dup('f');
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, new long[]{GEMM_ROWS, n}, 'f');
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            long t0 = System.nanoTime();
            kernels.gemm(a, b, c, false, false, 1.0, 0.0);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return 2.0 * GEMM_ROWS * k * n / (best / 1e9);
    }

    /**
     * Products per word piece of one network when every piece of the note differs: the context window's two-layer
     * MLP, each FNet layer's feed-forward block, the tagger. (The relation head works per entity and pair, not per
     * piece, and is left out.)
     */
    static double flopPerPiece(NetworkConfig config, int tags) {
        if (config.contextualEncoder() != null) {
            throw new IllegalArgumentException("an encoder's products depend on the note's length: see flop");
        }
        long h = config.hidden();
        long window = ContextWindow.width(config.embeddingDim(), config.contextWindow());
        long input = window * h + h * h;
        long fnet = (long) config.layers() * 2 * h * h * config.expansion();
        long tagger = h * h + h * tags;
        return 2.0 * (input + fnet + tagger);
    }

    /**
     * Products of one network over a note of {@code pieces} pieces. With a contextual encoder: every window of
     * {@link EncoderWindows} (L = its pieces + [CLS] + [SEP]) costs per layer L (8 W^2 + 4 W I) for the projections
     * and feed-forward plus 4 L^2 W for attention scores and context, then each piece W H for the projection into the
     * heads, the FNet layers and the tagger; without one, {@link #flopPerPiece} per piece except that the context
     * window's first layer is taken once per distinct piece ({@code distinct} of them: WindowProjection).
     */
    static double flop(NetworkConfig config, int tags, int pieces, int distinct) {
        ContextualEncoderConfig encoder = config.contextualEncoder();
        if (encoder == null) {
            double firstLayer = 2.0 * ContextWindow.width(config.embeddingDim(), config.contextWindow())
                    * config.hidden();
            return (flopPerPiece(config, tags) - firstLayer) * pieces + firstLayer * distinct;
        }
        BertShape s = encoder.shape();
        double w = s.width();
        double encoderFlop = 0;
        for (EncoderWindows.Window window : EncoderWindows.plan(pieces, s.maxPositions() - 2, encoder.margin())
                .windows()) {
            double l = window.length() + 2;
            encoderFlop += s.layers() * (l * (8 * w * w + 4 * w * s.intermediate()) + 4 * l * l * w);
        }
        long h = config.hidden();
        long fnet = (long) config.layers() * 2 * h * h * config.expansion();
        long tagger = h * h + h * tags;
        return encoderFlop + 2.0 * pieces * ((long) s.width() * h + fnet + tagger);
    }

    static int distinctPieces(EncodedText note) {
        return (int) java.util.Arrays.stream(note.ids()).distinct().count();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
