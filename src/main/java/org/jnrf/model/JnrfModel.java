package org.jnrf.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.jnrf.network.EntitySpan;
import org.jnrf.network.FourierMixers;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.Kernels;
import org.jnrf.network.NetworkPrediction;
import org.jnrf.network.RelationScore;
import org.jnrf.network.Scratch;
import org.jnrf.network.TokenRange;
import org.jnrf.text.BasicTokenizer;
import org.jnrf.text.Token;
import org.jnrf.text.TokenLines;
import org.jnrf.text.Vocabulary;
import org.jnrf.text.WordPieceTokenizer;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A trained JNRF model: tokenizer, vocabulary and network, ready to annotate text. Immutable and thread-safe: any
 * number of threads may call {@link #predict} at once; each thread gets its own working memory.
 *
 * <p>Model file: one zip with {@code config.json} ({@link ModelConfig}), {@code vocab.txt} (one WordPiece per line,
 * line number = id) and {@code weights.bin} ({@link WeightsFile}).
 */
public final class JnrfModel {
    public static final String CONFIG_ENTRY = "config.json";
    public static final String VOCAB_ENTRY = "vocab.txt";
    public static final String WEIGHTS_ENTRY = "weights.bin";
    /** Threads of the CPU Fourier transform of a loaded model (system property). */
    public static final String FFT_THREADS_PROPERTY = "jnrf.fft.threads";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ModelConfig config;
    private final Vocabulary vocabulary;
    private final WordPieceTokenizer tokenizer;
    private final JnrfNetwork network;
    private final ThreadLocal<Scratch> scratch;

    private JnrfModel(ModelConfig config, Vocabulary vocabulary, JnrfNetwork network) {
        this.config = config;
        this.vocabulary = vocabulary;
        this.tokenizer = new WordPieceTokenizer(vocabulary, new BasicTokenizer(config.lowerCase(),
                config.stripAccents()), config.maxCharsPerWord());
        this.network = network;
        this.scratch = ThreadLocal.withInitial(network::newScratch);
    }

    /**
     * A model holding a copy of the network's current weights (training goes on changing the network, never the
     * model).
     */
    public static JnrfModel fromNetwork(ModelConfig config, Vocabulary vocabulary, JnrfNetwork network) {
        if (vocabulary.size() != config.vocabularySize()) {
            throw new IllegalArgumentException("vocabulary has " + vocabulary.size() + " pieces, the configuration "
                    + config.vocabularySize());
        }
        JnrfNetwork copy = JnrfNetwork.forWeights(config.networkConfig(DataType.FLOAT, 0), config.labelSpace(),
                network.mixer(), network.kernels());
        NetworkWeights.copy(network, copy);
        return new JnrfModel(config, vocabulary, copy);
    }

    public static JnrfModel load(Path zip) throws IOException {
        try (InputStream in = Files.newInputStream(zip)) {
            return load(in, zip.toString());
        }
    }

    public static JnrfModel load(InputStream zip) throws IOException {
        return load(zip, "<model stream>");
    }

    private static JnrfModel load(InputStream zip, String file) throws IOException {
        Map<String, byte[]> entries = readEntries(zip, file);
        ModelConfig config = readConfig(entries, file);
        Vocabulary vocabulary = readVocabulary(entries, file, config);
        Map<String, Tensor> tensors = WeightsFile.read(new ByteArrayInputStream(require(entries, WEIGHTS_ENTRY, file)),
                file + "!" + WEIGHTS_ENTRY);
        return fromParts(config, vocabulary, tensors, file);
    }

    /** A model from its configuration, vocabulary and weights (e.g. after {@link VocabularyPruning}). */
    static JnrfModel fromParts(ModelConfig config, Vocabulary vocabulary, List<Tensor> weights)
            throws ModelFormatException {
        Map<String, Tensor> tensors = new HashMap<>();
        weights.forEach(t -> tensors.put(t.name(), t));
        return fromParts(config, vocabulary, tensors, "<model in memory>");
    }

    private static JnrfModel fromParts(ModelConfig config, Vocabulary vocabulary, Map<String, Tensor> tensors,
                                       String file) throws ModelFormatException {
        JnrfNetwork network;
        try {
            network = JnrfNetwork.forWeights(config.networkConfig(DataType.FLOAT, 0), config.labelSpace(),
                    FourierMixers.fromSystemProperty(fftThreads()),
                    Kernels.fromSystemProperty(JnrfNetwork.defaultThreads()));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file + "!" + CONFIG_ENTRY, "invalid configuration: " + e.getMessage(), e);
        }
        NetworkWeights.assign(network, tensors, file + "!" + WEIGHTS_ENTRY);
        return new JnrfModel(config, vocabulary, network);
    }

    static int fftThreads() {
        return Integer.getInteger(FFT_THREADS_PROPERTY, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Entries of a zip by name; the zip is read completely. */
    public static Map<String, byte[]> readEntries(InputStream zip, String file) throws ModelFormatException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(zip, StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (ZipException e) {
            throw new ModelFormatException(file, "not a valid zip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(file, "unreadable zip: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new ModelFormatException(file, "not a JNRF model (empty, truncated or not a zip file)");
        }
        return entries;
    }

    public static byte[] require(Map<String, byte[]> entries, String name, String file) throws ModelFormatException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new ModelFormatException(file, "missing entry " + name);
        }
        return b;
    }

    public static ModelConfig readConfig(Map<String, byte[]> entries, String file) throws ModelFormatException {
        byte[] json = require(entries, CONFIG_ENTRY, file);
        try {
            Map<?, ?> raw = JSON.readValue(json, Map.class);
            Object version = raw.get("formatVersion");
            if (!(version instanceof Number n) || n.intValue() != ModelConfig.FORMAT_VERSION) {
                throw new ModelFormatException(file + "!" + CONFIG_ENTRY, "format version " + version
                        + " is not supported (this build reads version " + ModelConfig.FORMAT_VERSION + ")");
            }
            ModelConfig config = JSON.readValue(json, ModelConfig.class);
            config.labelSpace(); // validates the label sets
            return config;
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException(file + "!" + CONFIG_ENTRY, "invalid configuration: " + e.getMessage(), e);
        }
    }

    public static Vocabulary readVocabulary(Map<String, byte[]> entries, String file, ModelConfig config)
            throws ModelFormatException {
        byte[] vocab = require(entries, VOCAB_ENTRY, file);
        Vocabulary vocabulary;
        try {
            vocabulary = Vocabulary.load(new InputStreamReader(new ByteArrayInputStream(vocab),
                    StandardCharsets.UTF_8), file + "!" + VOCAB_ENTRY);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFormatException(file + "!" + VOCAB_ENTRY, "invalid vocabulary: " + e.getMessage(), e);
        }
        if (vocabulary.size() != config.vocabularySize()) {
            throw new ModelFormatException(file + "!" + VOCAB_ENTRY, "has " + vocabulary.size()
                    + " pieces, config.json says " + config.vocabularySize());
        }
        return vocabulary;
    }

    /** Writes the model zip atomically: a temporary file in the same folder, then a move. */
    public void save(Path zip) throws IOException {
        save(zip, java.util.Set.of());
    }

    /**
     * As {@link #save(Path)}, storing the named matrices (typically {@code embedding.table}) in 8 bits per value
     * with a scale per row: a quarter of the size, for a large pretrained embedding table.
     */
    public void save(Path zip, java.util.Set<String> int8Tensors) throws IOException {
        writeAtomically(zip, out -> writeZip(out, config, vocabulary, NetworkWeights.export(network), Map.of(),
                int8Tensors));
    }

    /** Receives an output stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    public static void writeAtomically(Path target, StreamWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes config, vocabulary and weights (plus any extra entries) as a zip. */
    public static void writeZip(OutputStream out, ModelConfig config, Vocabulary vocabulary, List<Tensor> weights,
                                Map<String, StreamWriter> extra) throws IOException {
        writeZip(out, config, vocabulary, weights, extra, java.util.Set.of());
    }

    private static void writeZip(OutputStream out, ModelConfig config, Vocabulary vocabulary, List<Tensor> weights,
                                 Map<String, StreamWriter> extra, java.util.Set<String> int8Tensors)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry(CONFIG_ENTRY));
        zip.write(JSON.writeValueAsBytes(config));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(VOCAB_ENTRY));
        ByteArrayOutputStream vocab = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(vocab, StandardCharsets.UTF_8)) {
            vocabulary.write(w);
        }
        zip.write(vocab.toByteArray());
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(WEIGHTS_ENTRY));
        WeightsFile.write(zip, weights, int8Tensors);
        zip.closeEntry();
        for (Map.Entry<String, StreamWriter> e : extra.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey()));
            e.getValue().write(zip);
            zip.closeEntry();
        }
        zip.finish();
    }

    /**
     * Entities and relations of one text. Entity ids T1, T2, ... in text order, relation ids R1, R2, ...; each
     * entity covers the characters from its first token's begin to its last token's end.
     */
    public AnnotatedDocument predict(String documentId, String text, PredictionOptions options) {
        List<Token> tokens = tokenizer.tokenize(text);
        if (tokens.isEmpty()) {
            return AnnotatedDocument.unannotated(documentId, text);
        }
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens.get(i).id();
        }
        boolean[] continuation = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            continuation[i] = tokens.get(i).isContinuation();
        }
        NetworkPrediction p = network.predict(ids, continuation, TokenLines.of(text, tokens), scratch.get());
        List<EntityMention> entities = new ArrayList<>();
        Map<Integer, String> entityIds = new HashMap<>();
        List<EntitySpan> spans = p.entities();
        for (int i = 0; i < spans.size(); i++) {
            EntitySpan s = spans.get(i);
            if (s.confidence() < options.entityThreshold()) {
                continue;
            }
            List<TextSpan> fragments = new ArrayList<>();
            for (TokenRange r : s.ranges()) {
                fragments.add(new TextSpan(tokens.get(r.begin()).begin(), tokens.get(r.end() - 1).end()));
            }
            String id = "T" + (entities.size() + 1);
            entityIds.put(i, id);
            entities.add(new EntityMention(id, config.entityTypes().get(s.type()), fragments, s.confidence()));
        }
        List<RelationMention> relations = new ArrayList<>();
        for (RelationScore r : p.relations()) {
            String modifier = entityIds.get(r.modifier());
            String anchor = entityIds.get(r.anchor());
            if (modifier == null || anchor == null || r.probability() < options.relationThreshold()) {
                continue;
            }
            relations.add(new RelationMention("R" + (relations.size() + 1), config.relationTypes().get(r.relationType()),
                    modifier, anchor, r.probability()));
        }
        return new AnnotatedDocument(documentId, text, entities, relations);
    }

    /**
     * The thresholds this model was tuned for: its stored relation threshold (chosen on dev data after training)
     * or {@link PredictionOptions#defaults()}.
     */
    public PredictionOptions defaultOptions() {
        PredictionOptions defaults = PredictionOptions.defaults();
        return config.relationThreshold() == null ? defaults
                : new PredictionOptions(defaults.entityThreshold(), config.relationThreshold());
    }

    /** The same network with a stored relation threshold (shares the weights). */
    public JnrfModel withRelationThreshold(double threshold) {
        return new JnrfModel(config.withRelationThreshold(threshold), vocabulary, network);
    }

    /**
     * Relations between given entities (e.g. gold ones, to evaluate relation extraction alone): the document's
     * entities are kept as they are (types unknown to the model, or entities covering no token, take part in no
     * relation) and its relations are replaced by the predicted ones, ids R1, R2, ...
     */
    public AnnotatedDocument predictRelations(AnnotatedDocument document, PredictionOptions options) {
        List<Token> tokens = tokenizer.tokenize(document.text());
        if (tokens.isEmpty() || document.entities().isEmpty()) {
            return new AnnotatedDocument(document.documentId(), document.text(), document.entities(), List.of());
        }
        org.jnrf.text.TokenOffsets offsets = new org.jnrf.text.TokenOffsets(tokens);
        List<EntitySpan> spans = new ArrayList<>();
        List<EntityMention> spanEntities = new ArrayList<>();
        for (EntityMention e : document.entities()) {
            int type = config.entityTypes().indexOf(e.type());
            if (type < 0) {
                continue;
            }
            List<TokenRange> ranges = EntityTokenRanges.of(offsets, e.fragments());
            if (!ranges.isEmpty()) {
                spans.add(new EntitySpan(type, ranges, e.confidence()));
                spanEntities.add(e);
            }
        }
        int[] ids = tokens.stream().mapToInt(Token::id).toArray();
        NetworkPrediction p = network.predictWithEntities(ids, spans, TokenLines.of(document.text(), tokens),
                scratch.get());
        List<RelationMention> relations = new ArrayList<>();
        for (RelationScore r : p.relations()) {
            if (r.probability() >= options.relationThreshold()) {
                relations.add(new RelationMention("R" + (relations.size() + 1),
                        config.relationTypes().get(r.relationType()), spanEntities.get(r.modifier()).id(),
                        spanEntities.get(r.anchor()).id(), r.probability()));
            }
        }
        return new AnnotatedDocument(document.documentId(), document.text(), document.entities(), relations);
    }

    public ModelConfig config() {
        return config;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    public List<String> entityTypes() {
        return config.entityTypes();
    }

    public List<String> relationTypes() {
        return config.relationTypes();
    }

    public String anchorType() {
        return config.anchorType();
    }

    /** The weights as named tensors (a copy). */
    public List<Tensor> weights() {
        return NetworkWeights.export(network);
    }

    /** Name of the Fourier implementation in use (jtransforms or matmul). */
    public String fourierImplementation() {
        return network.mixer().name();
    }
}
