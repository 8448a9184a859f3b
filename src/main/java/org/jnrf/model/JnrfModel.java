package org.jnrf.model;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.jnrf.network.EntitySpan;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.RelationScore;
import org.jnrf.network.TokenRange;
import org.jnrf.text.EncodedText;
import org.jnrf.network.compute.Scratch;
import org.jnrf.text.Token;
import org.jnrf.text.TextEncoder;
import org.jnrf.text.Vocabulary;
import org.jnrf.text.WordPieceTokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained JNRF model: tokenizer, vocabulary and network, ready to annotate text. Immutable and thread-safe: any
 * number of threads may call {@link #predict} at once; each thread gets its own working memory.
 *
 * <p>Saved and loaded as {@link ModelArchiveFormat}. An ensemble of n networks averages their tag probabilities
 * before decoding the entities, then their relation class probabilities on those entities.
 */
public final class JnrfModel {
    /** Threads of the CPU Fourier transform of a loaded model (system property). */
    public static final String FFT_THREADS_PROPERTY = ModelNetworks.FFT_THREADS_PROPERTY;

    private final ModelConfig config;
    private final Vocabulary vocabulary;
    private final TextEncoder encoder;
    private final List<JnrfNetwork> networks;
    private final ThreadLocal<List<Scratch>> scratch;

    private JnrfModel(ModelConfig config, Vocabulary vocabulary, List<JnrfNetwork> networks) {
        if (networks.size() != config.memberCount()) {
            throw new IllegalArgumentException(networks.size() + " networks, the configuration says "
                    + config.memberCount());
        }
        this.config = config;
        this.vocabulary = vocabulary;
        this.encoder = config.textEncoder(vocabulary);
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
        return new JnrfModel(config.withMembers(1), vocabulary, List.of(ModelNetworks.copyOf(config, network)));
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
        if (networks.size() > ModelArchiveFormat.MAX_MEMBERS) {
            throw new IllegalArgumentException(networks.size() + " networks: an ensemble holds at most "
                    + ModelArchiveFormat.MAX_MEMBERS);
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
        ModelArchiveFormat.Contents contents = ModelArchiveFormat.read(zip, file, size);
        return fromParts(contents.config(), contents.vocabulary(), contents.members(), file);
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
        return new JnrfModel(config, vocabulary, ModelNetworks.fromWeights(config, members, file));
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
        ModelArchiveFormat.save(zip, config, vocabulary, memberWeights(), Map.of(), int8Tensors);
    }

    /**
     * The same model after storing the named matrices in 8 bits, as {@link #save(Path, java.util.Set)} would: what a
     * saved and reloaded model predicts, to tune and score what ships.
     */
    public JnrfModel quantized(java.util.Set<String> int8Tensors) throws IOException {
        return fromParts(config, vocabulary, ModelArchiveFormat.afterStoring(memberWeights(), int8Tensors,
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
        EncodedText input = encoder.encode(text, sentenceBegins);
        if (input.size() > maxWordPieces) {
            throw new NoteTooLongException(input.size(), maxWordPieces);
        }
        if (input.isEmpty()) {
            return AnnotatedDocument.unannotated(documentId, text);
        }
        List<Token> tokens = input.tokens();
        EnsembleAverage.Decoded p = EnsembleAverage.predict(networks, scratch.get(), input, null,
                options.relationThreshold(), config.pairWindow());
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

    /**
     * The same weights reading long documents with another encoder window margin ({@code EncoderWindows}); the
     * networks are rebuilt around them.
     *
     * @throws IllegalArgumentException for a model without a contextual encoder, or a margin its windows cannot keep
     */
    public JnrfModel withEncoderWindowMargin(int margin) throws ModelFormatException {
        if (config.encoder() == null) {
            throw new IllegalArgumentException("the model has no contextual encoder, whose windows a margin sets");
        }
        return fromParts(config.withEncoder(config.encoder().withWindowMargin(margin)), vocabulary, memberWeights());
    }

    /** The same networks carrying the notice of their pretrained encoder's source and licence (shares the weights). */
    public JnrfModel withEncoderNotice(String notice) {
        if (config.encoder() == null) {
            throw new IllegalArgumentException("the model has no contextual encoder whose licence it could carry");
        }
        return new JnrfModel(config.withEncoderNotice(notice), vocabulary, networks);
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
        EncodedText input = encoder.encode(document.text());
        if (input.isEmpty() || document.entities().isEmpty()) {
            return new AnnotatedDocument(document.documentId(), document.text(), document.entities(), List.of());
        }
        org.jnrf.text.TokenOffsets offsets = new org.jnrf.text.TokenOffsets(input.tokens());
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
        EnsembleAverage.Decoded p = EnsembleAverage.predict(networks, scratch.get(), input, spans,
                options.relationThreshold(), config.pairWindow());
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
        return encoder.tokenizer();
    }

    /** Text to this model's network input, as in training (see {@link ModelConfig#textEncoder}). */
    public TextEncoder textEncoder() {
        return encoder;
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
