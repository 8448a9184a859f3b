package org.jnrf.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.jnrf.network.EntitySpan;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.RelationScore;
import org.jnrf.network.TokenRange;
import org.jnrf.network.compute.Kernels;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.fourier.FourierMixer;
import org.jnrf.network.fourier.FourierMixers;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A trained JNRF model: tokenizer, vocabulary and network, ready to annotate text. Immutable and thread-safe: any
 * number of threads may call {@link #predict} at once; each thread gets its own working memory.
 *
 * <p>Model file: one zip with {@code config.json} ({@link ModelConfig}), {@code vocab.txt} (one WordPiece per line,
 * line number = id) and {@code weights.bin} ({@link WeightsFile}). An ensemble ({@code members} n in the
 * configuration) holds n networks of one configuration and vocabulary, in {@code weights.bin}, {@code weights-2.bin},
 * ... {@code weights-n.bin}; it averages their tag probabilities before decoding the entities, then their relation
 * class probabilities on those entities.
 */
public final class JnrfModel {
    public static final String CONFIG_ENTRY = "config.json";
    public static final String VOCAB_ENTRY = "vocab.txt";
    public static final String WEIGHTS_ENTRY = "weights.bin";
    /** Threads of the CPU Fourier transform of a loaded model (system property). */
    public static final String FFT_THREADS_PROPERTY = "jnrf.fft.threads";

    /** More networks than this in one file is a corrupt configuration, not an ensemble. */
    static final int MAX_MEMBERS = 64;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ModelConfig config;
    private final Vocabulary vocabulary;
    private final WordPieceTokenizer tokenizer;
    private final List<JnrfNetwork> networks;
    private final ThreadLocal<List<Scratch>> scratch;

    private JnrfModel(ModelConfig config, Vocabulary vocabulary, List<JnrfNetwork> networks) {
        if (networks.size() != config.memberCount()) {
            throw new IllegalArgumentException(networks.size() + " networks, the configuration says "
                    + config.memberCount());
        }
        this.config = config;
        this.vocabulary = vocabulary;
        this.tokenizer = new WordPieceTokenizer(vocabulary, new BasicTokenizer(config.lowerCase(),
                config.stripAccents()), config.maxCharsPerWord());
        this.networks = List.copyOf(networks);
        // an ensemble's networks encode in one shared working scratch and keep only their encoder outputs apart
        this.scratch = ThreadLocal.withInitial(() -> {
            List<Scratch> own = new ArrayList<>(this.networks.stream().map(JnrfNetwork::newScratch).toList());
            if (own.size() > 1) {
                own.add(this.networks.get(0).newScratch());
            }
            return List.copyOf(own);
        });
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
        return new JnrfModel(config.withMembers(1), vocabulary, List.of(copy));
    }

    /**
     * An ensemble of the given models' networks (an ensemble member contributes all its networks). They must share
     * the network configuration, labels, tokenizer settings and vocabulary; the ensemble has no stored relation
     * threshold until one is tuned for it ({@link #withRelationThreshold}).
     */
    public static JnrfModel ensemble(List<JnrfModel> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        JnrfModel first = models.get(0);
        ModelConfig shared = first.config.sharedByEnsembleMembers();
        List<JnrfNetwork> networks = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            JnrfModel m = models.get(i);
            if (!m.config.sharedByEnsembleMembers().equals(shared)) {
                throw new IllegalArgumentException("model " + (i + 1) + " differs from model 1 in its configuration"
                        + " (network, labels or tokenizer): " + m.config.sharedByEnsembleMembers() + " against "
                        + shared);
            }
            if (!m.vocabulary.pieces().equals(first.vocabulary.pieces())) {
                throw new IllegalArgumentException("model " + (i + 1) + " has another vocabulary than model 1");
            }
            networks.addAll(m.networks);
        }
        if (networks.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException(networks.size() + " networks: an ensemble holds at most " + MAX_MEMBERS);
        }
        return new JnrfModel(first.config.forEnsemble(networks.size()), first.vocabulary, networks);
    }

    public static JnrfModel load(Path zip) throws IOException {
        try (InputStream in = Files.newInputStream(zip)) {
            return load(in, zip.toString(), Files.size(zip));
        }
    }

    public static JnrfModel load(InputStream zip) throws IOException {
        return load(zip, "<model stream>");
    }

    /** Loads a model zip from a stream; {@code file} names it in error messages. */
    public static JnrfModel load(InputStream zip, String file) throws IOException {
        return load(zip, file, -1);
    }

    private static JnrfModel load(InputStream zip, String file, long size) throws IOException {
        Map<String, byte[]> entries = ModelArchive.read(zip, file, size);
        ModelConfig config = readConfig(entries, file);
        Vocabulary vocabulary = readVocabulary(entries, file, config);
        List<byte[]> encoded = new ArrayList<>();
        for (int m = 0; m < config.memberCount(); m++) {
            encoded.add(require(entries, weightsEntry(m), file));
        }
        List<Map<String, Tensor>> members = decodeMembers(encoded, file);
        config.checkWeightCount(members.get(0), file + "!" + CONFIG_ENTRY, WEIGHTS_ENTRY);
        return fromParts(config, vocabulary, members, file);
    }

    /** Each network's weights file; a further network's 8-bit rows may be shared with the first's. */
    private static List<byte[]> encodeMembers(List<List<Tensor>> members, java.util.Set<String> int8Tensors)
            throws IOException {
        List<byte[]> encoded = new ArrayList<>();
        Map<String, Tensor> first = Map.of();
        for (int m = 0; m < members.size(); m++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            WeightsFile.write(bytes, members.get(m), int8Tensors, first);
            encoded.add(bytes.toByteArray());
            if (m == 0 && members.size() > 1 && !int8Tensors.isEmpty()) {
                first = WeightsFile.read(new ByteArrayInputStream(encoded.get(0)), "<first network>");
            }
        }
        return encoded;
    }

    private static List<Map<String, Tensor>> decodeMembers(List<byte[]> encoded, String file)
            throws ModelFormatException {
        List<Map<String, Tensor>> members = new ArrayList<>();
        for (int m = 0; m < encoded.size(); m++) {
            members.add(WeightsFile.read(encoded.get(m), file + "!" + weightsEntry(m),
                    m == 0 ? Map.of() : members.get(0)));
        }
        return members;
    }

    /** The zip entry of ensemble member {@code m} (0-based): weights.bin, weights-2.bin, ... */
    public static String weightsEntry(int member) {
        return member == 0 ? WEIGHTS_ENTRY : "weights-" + (member + 1) + ".bin";
    }

    /** A model from its configuration, vocabulary and weights (e.g. after {@link VocabularyPruning}). */
    static JnrfModel fromParts(ModelConfig config, Vocabulary vocabulary, List<List<Tensor>> memberWeights)
            throws ModelFormatException {
        List<Map<String, Tensor>> members = new ArrayList<>();
        for (List<Tensor> weights : memberWeights) {
            Map<String, Tensor> tensors = new HashMap<>();
            weights.forEach(t -> tensors.put(t.name(), t));
            members.add(tensors);
        }
        return fromParts(config, vocabulary, members, "<model in memory>");
    }

    private static JnrfModel fromParts(ModelConfig config, Vocabulary vocabulary, List<Map<String, Tensor>> members,
                                       String file) throws ModelFormatException {
        if (members.size() != config.memberCount()) {
            throw new ModelFormatException(file, members.size() + " weight sets, the configuration says "
                    + config.memberCount());
        }
        // the members share one Fourier mixer and one set of kernels (thread pools, cached tables): both serve any
        // number of threads at once
        FourierMixer mixer = FourierMixers.fromSystemProperty(fftThreads());
        Kernels kernels = Kernels.fromSystemProperty(JnrfNetwork.defaultThreads());
        List<JnrfNetwork> networks = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            JnrfNetwork network;
            try {
                network = JnrfNetwork.forWeights(config.networkConfig(DataType.FLOAT, 0), config.labelSpace(), mixer,
                        kernels);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file + "!" + CONFIG_ENTRY, "invalid configuration: " + e.getMessage(),
                        e);
            }
            NetworkWeights.assign(network, members.get(m), file + "!" + weightsEntry(m));
            networks.add(network);
        }
        return new JnrfModel(config, vocabulary, networks);
    }

    static int fftThreads() {
        return Integer.getInteger(FFT_THREADS_PROPERTY, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Entries of a zip by name; the zip is read completely, within {@link ModelArchive}'s bounds. */
    public static Map<String, byte[]> readEntries(InputStream zip, String file) throws ModelFormatException {
        return ModelArchive.read(zip, file, -1);
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
            config.checkLimits();
            config.labelSpace(); // validates the label sets
            if (config.memberCount() > MAX_MEMBERS) {
                throw new ModelFormatException(file + "!" + CONFIG_ENTRY, config.memberCount()
                        + " ensemble members (at most " + MAX_MEMBERS + ")");
            }
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
        writeAtomically(zip, out -> writeZip(out, config, vocabulary, memberWeights(), Map.of(), int8Tensors));
    }

    /**
     * The same model after storing the named matrices in 8 bits, as {@link #save(Path, java.util.Set)} would: what a
     * saved and reloaded model predicts, to tune and score what ships.
     */
    public JnrfModel quantized(java.util.Set<String> int8Tensors) throws IOException {
        return fromParts(config, vocabulary, decodeMembers(encodeMembers(memberWeights(), int8Tensors),
                "<quantized model>"), "<quantized model>");
    }

    /**
     * Names of the matrices worth storing in 8 bits: rank 2, more than one row and at least {@code minValues} values
     * (the embedding table, the input, feed-forward and relation projections; not the biases and small tables).
     */
    public java.util.Set<String> largeMatrices(int minValues) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (Tensor t : NetworkWeights.export(networks.get(0))) {
            if (t.shape().length == 2 && t.shape()[0] > 1 && t.data().length >= minValues) {
                names.add(t.name());
            }
        }
        return names;
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
        // the umask decides the permissions, and a long model name cannot make the temporary name too long
        org.jnrf.corpus.OutputFiles.writeAtomically(target, writer::write);
    }

    /** Writes config, vocabulary and one network's weights (plus any extra entries) as a zip. */
    public static void writeZip(OutputStream out, ModelConfig config, Vocabulary vocabulary, List<Tensor> weights,
                                Map<String, StreamWriter> extra) throws IOException {
        writeZip(out, config, vocabulary, List.of(weights), extra, java.util.Set.of());
    }

    private static void writeZip(OutputStream out, ModelConfig config, Vocabulary vocabulary,
                                 List<List<Tensor>> memberWeights, Map<String, StreamWriter> extra,
                                 java.util.Set<String> int8Tensors) throws IOException {
        if (memberWeights.size() != config.memberCount()) {
            throw new IllegalArgumentException(memberWeights.size() + " weight sets, the configuration says "
                    + config.memberCount());
        }
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
        List<byte[]> encoded = encodeMembers(memberWeights, int8Tensors);
        for (int m = 0; m < encoded.size(); m++) {
            zip.putNextEntry(new ZipEntry(weightsEntry(m)));
            zip.write(encoded.get(m));
            zip.closeEntry();
        }
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
        return predict(documentId, text, options, null, Integer.MAX_VALUE);
    }

    /**
     * As {@link #predict(String, String, PredictionOptions)}, with the text's sentences already known (e.g. a
     * pipeline's sentence annotations): each sentence begin counts as a line break in the relation feature, in place
     * of the model's own rule for sentence ends inside a line.
     *
     * @param sentenceBegins the sentences' begin offsets, ascending; null: the model's own rule
     */
    public AnnotatedDocument predict(String documentId, String text, PredictionOptions options,
                                     int[] sentenceBegins) {
        return predict(documentId, text, options, sentenceBegins, Integer.MAX_VALUE);
    }

    /**
     * As {@link #predict(String, String, PredictionOptions, int[])}, refusing a text of more than
     * {@code maxWordPieces} word pieces with a {@link NoteTooLongException} before the networks see it: working memory
     * grows with the length (see docs/network.md, "Memory per note").
     */
    public AnnotatedDocument predict(String documentId, String text, PredictionOptions options,
                                     int[] sentenceBegins, int maxWordPieces) {
        List<Token> tokens = tokenizer.tokenize(text);
        if (tokens.size() > maxWordPieces) {
            throw new NoteTooLongException(tokens.size(), maxWordPieces);
        }
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
        EnsembleAverage.Decoded p = EnsembleAverage.predict(networks, scratch.get(), ids, continuation,
                sentenceBegins == null ? TokenLines.of(text, tokens, config.countsSentenceBreaks())
                        : TokenLines.of(text, tokens, sentenceBegins), null, options.relationThreshold());
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

    /**
     * The first {@code count} networks of this ensemble as a model (they share the weights): about count / n of the
     * inference time, usually a little less accurate. Its relation threshold is the one tuned for those networks
     * when the file has it ({@code ./jnrf ensemble --dev}), else this model's.
     */
    public JnrfModel firstMembers(int count) {
        if (count < 1 || count > networks.size()) {
            throw new IllegalArgumentException("this model has " + networks.size() + " network(s); cannot use "
                    + count);
        }
        return count == networks.size() ? this
                : new JnrfModel(config.withMembers(count), vocabulary, networks.subList(0, count));
    }

    /** The same networks with a relation threshold for each number of leading networks (the last: for all). */
    public JnrfModel withMemberThresholds(List<Double> thresholds) {
        return new JnrfModel(config.withMemberThresholds(thresholds), vocabulary, networks);
    }

    /**
     * The same networks counting sentence ends inside a line as line breaks in the relation feature (or not): for
     * networks trained on one sentence per line, used on text that runs several sentences together.
     */
    public JnrfModel withSentenceBreaks(boolean breaks) {
        return new JnrfModel(config.withSentenceBreaks(breaks), vocabulary, networks);
    }

    /** The same networks with a stored relation threshold (shares the weights). */
    public JnrfModel withRelationThreshold(double threshold) {
        return new JnrfModel(config.withRelationThreshold(threshold), vocabulary, networks);
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
        EnsembleAverage.Decoded p = EnsembleAverage.predict(networks, scratch.get(), ids, null,
                TokenLines.of(document.text(), tokens, config.countsSentenceBreaks()), spans,
                options.relationThreshold());
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

    /** Networks whose predictions this model averages (1 unless it is an ensemble). */
    public int memberCount() {
        return networks.size();
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

    /** The weights of a single-network model as named tensors (a copy); see {@link #memberWeights()}. */
    public List<Tensor> weights() {
        if (networks.size() != 1) {
            throw new IllegalStateException("an ensemble of " + networks.size() + " networks: use memberWeights()");
        }
        return NetworkWeights.export(networks.get(0));
    }

    /** Each network's weights as named tensors (copies), in member order. */
    public List<List<Tensor>> memberWeights() {
        return networks.stream().map(NetworkWeights::export).toList();
    }

    /** Name of the Fourier implementation in use (jtransforms or matmul). */
    public String fourierImplementation() {
        return networks.get(0).mixer().name();
    }
}
