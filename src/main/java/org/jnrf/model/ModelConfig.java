package org.jnrf.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jnrf.network.ContextualEncoderConfig;
import org.jnrf.network.LabelSpace;
import org.jnrf.network.NetworkConfig;
import org.jnrf.network.PairWindow;
import org.jnrf.text.TokenLines;
import org.jnrf.text.BasicTokenizer;
import org.jnrf.text.TextEncoder;
import org.jnrf.text.Vocabulary;
import org.jnrf.text.WordPieceTokenizer;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to rebuild a trained network and its tokenizer; stored as {@code config.json} in the model zip.
 *
 * @param formatVersion          {@link #FORMAT_VERSION} of the writer
 * @param vocabularySize         rows of the embedding table (= lines of vocab.txt)
 * @param embeddingDim           width of the embedding table
 * @param hidden                 model width
 * @param layers                 FNet applications
 * @param expansion              feed-forward width factor
 * @param tied                   one FNet block applied {@code layers} times
 * @param relationDim            per-class width of the relation scorer
 * @param distanceScale          token distance mapped to 1 by the distance feature
 * @param entityTypes            entity types, index = type id
 * @param anchorType             the type every relation points to (Drug, AdverseReaction, ...)
 * @param relationTypes          relation types, index = relation id (class id - 1)
 * @param relationModifierTypes  for each relation type the entity types seen as its modifier (Arg1)
 * @param lowerCase              tokenizer lower-cases
 * @param stripAccents           tokenizer strips accents
 * @param maxCharsPerWord        longer words become [UNK]
 * @param relationThreshold      relation decision threshold tuned on dev data (absent in older files: 0.5)
 * @param contextWindow          neighbouring tokens on each side joining a token's input (absent in older files: 0)
 * @param pairFeatures           relation scores see the anchor's rank among the modifier's anchors (absent: false)
 * @param members                networks of an ensemble, each in its own weights entry (absent: 1; not written for
 *                               one network, so that builds before ensembles still read single-network files)
 * @param memberThresholds       for an ensemble, the relation threshold tuned for its first k networks at index k - 1
 *                               (absent: none tuned; see {@code JnrfModel.firstMembers})
 * @param sentenceBreaks         the relation line feature also counts sentence ends inside a line ({@code TokenLines};
 *                               absent: false)
 * @param encoder                the contextual encoder in front of the Fourier layers: its shape (with the layers it
 *                               keeps) and the ids of [CLS] and [SEP]; its weights are tensors {@code bert.*} of the
 *                               weights entry (absent: the embedding-table path, as in every model before it)
 * @param pairWindow             the relation head scores only the (modifier, anchor) pairs inside this window, learned
 *                               from the training relations (absent: every pair)
 * @param sentenceRule           version of the sentence-end rule of {@code sentenceBreaks} ({@code TokenLines}; absent:
 *                               1, the rule of the models made before version 2)
 * @param encoderNotice          where the pretrained encoder's weights come from and under which licence (the
 *                               {@code LICENCE.md} of its imported folder), which a model trained from them carries
 *                               (absent: no pretrained encoder)
 */
public record ModelConfig(int formatVersion, int vocabularySize, int embeddingDim, int hidden, int layers,
                          int expansion, boolean tied, int relationDim, int distanceScale, List<String> entityTypes,
                          String anchorType, List<String> relationTypes, Map<String, List<String>> relationModifierTypes,
                          boolean lowerCase, boolean stripAccents, int maxCharsPerWord, Double relationThreshold,
                          Integer contextWindow, Boolean pairFeatures,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer members,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> memberThresholds,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean sentenceBreaks,
                          @JsonInclude(JsonInclude.Include.NON_NULL) ContextualEncoderConfig encoder,
                          @JsonInclude(JsonInclude.Include.NON_NULL) PairWindow pairWindow,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer sentenceRule,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String encoderNotice) {
    public static final int FORMAT_VERSION = 1;

    public ModelConfig {
        entityTypes = List.copyOf(entityTypes);
        relationTypes = List.copyOf(relationTypes);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        relationModifierTypes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        relationModifierTypes = java.util.Collections.unmodifiableMap(copy);
        if (members != null && members < 1) {
            throw new IllegalArgumentException("members must be at least 1, got " + members);
        }
        if (sentenceRule != null && (sentenceRule < 1 || sentenceRule > TokenLines.LATEST_RULE)) {
            throw new IllegalArgumentException("sentence rule " + sentenceRule + " is unknown to this build (rules 1 to "
                    + TokenLines.LATEST_RULE + ")");
        }
        if (memberThresholds != null) {
            memberThresholds = List.copyOf(memberThresholds);
            if (memberThresholds.size() != (members == null ? 1 : members)) {
                throw new IllegalArgumentException(memberThresholds.size() + " member thresholds for "
                        + (members == null ? 1 : members) + " networks");
            }
        }
    }

    /** Upper bounds of a configuration read from a file: real models are far below them (see {@link #checkLimits}). */
    static final int MAX_VOCABULARY = 10_000_000;
    static final int MAX_WIDTH = 65_536;
    static final int MAX_LAYERS = 128;
    static final int MAX_EXPANSION = 64;
    static final int MAX_CONTEXT_WINDOW = 64;
    static final int MAX_CHARS_PER_WORD = 10_000;
    static final int MAX_TYPES = 1_000;
    /** Positions of a contextual encoder's window (BERT-family models have 512). */
    static final int MAX_POSITIONS = 8_192;
    static final int MAX_TOKEN_TYPES = 16;

    /**
     * Checks a configuration read from a file against sane limits, before anything is allocated for it: a tied
     * network of two billion layers would load and then never finish a note, a huge width would be allocated before
     * the weights could disagree, and a huge word length makes tokenizing quadratic.
     *
     * @throws IllegalArgumentException naming the first setting out of bounds
     */
    public void checkLimits() {
        networkConfig(DataType.FLOAT, 0); // positive dimensions, a context window not negative
        atMost("vocabularySize", vocabularySize, MAX_VOCABULARY);
        atMost("embeddingDim", embeddingDim, MAX_WIDTH);
        atMost("hidden", hidden, MAX_WIDTH);
        atMost("relationDim", relationDim, MAX_WIDTH);
        atMost("layers", layers, MAX_LAYERS);
        atMost("expansion", expansion, MAX_EXPANSION);
        atMost("contextWindow", contextWindow == null ? 0 : contextWindow, MAX_CONTEXT_WINDOW);
        atMost("maxCharsPerWord", maxCharsPerWord, MAX_CHARS_PER_WORD);
        atMost("entity types", entityTypes.size(), MAX_TYPES);
        atMost("relation types", relationTypes.size(), MAX_TYPES);
        if (encoder != null) {
            org.jnrf.network.transformer.BertShape s = encoder.shape();
            atMost("encoder maxPositions", s.maxPositions(), MAX_POSITIONS);
            atMost("encoder typeVocabularySize", s.typeVocabularySize(), MAX_TOKEN_TYPES);
            atMost("encoder width", s.width(), MAX_WIDTH);
            atMost("encoder layers", s.layers(), MAX_LAYERS);
            atMost("encoder heads", s.heads(), s.width());
            atMost("encoder intermediate", s.intermediate(), MAX_WIDTH);
        }
    }

    private static void atMost(String name, int value, int limit) {
        if (value > limit) {
            throw new IllegalArgumentException(name + " " + value + " is beyond the limit of " + limit);
        }
    }

    /**
     * Weight values every network of this configuration has at least: its embedding table, input projection,
     * feed-forward and relation projection matrices (biases, norms and small tables aside). A weights file holding
     * fewer cannot belong to the configuration, which is then refused before its network is allocated; the network
     * holds little more than this. Call after {@link #checkLimits} (the terms then fit a long).
     */
    public long minimumWeightValues() {
        long h = hidden;
        long blocks = tied ? 1 : layers;
        long window = contextWindow == null ? 0 : contextWindow;
        long classes = relationTypes.size() + 1L;
        if (encoder != null) {
            long w = encoder.shape().width();
            long fnet = layers == 0 ? 0 : blocks * 2 * expansion * h * h;
            return (long) vocabularySize * w + (long) encoder.shape().maxPositions() * w
                    + encoder.shape().layers() * (4 * w * w + 2 * w * encoder.shape().intermediate())
                    + w * h + fnet + 2 * h * classes * relationDim;
        }
        return (long) vocabularySize * embeddingDim
                + embeddingDim * (2 * window + 1) * h
                + blocks * 2 * expansion * h * h
                + 2 * h * classes * relationDim;
    }

    /**
     * Refuses a configuration that needs more weight values than one network's {@code weights} hold, before its
     * network is allocated.
     */
    public void checkWeightCount(Map<String, Tensor> weights, String configFile, String weightsEntry)
            throws ModelFormatException {
        long held = weights.values().stream().mapToLong(t -> t.data().length).sum();
        if (held < minimumWeightValues()) {
            throw new ModelFormatException(configFile, "the configuration needs at least " + minimumWeightValues()
                    + " weight values, " + weightsEntry + " holds " + held);
        }
    }

    /** Networks whose predictions the model averages (1 unless it is an ensemble). */
    public int memberCount() {
        return members == null ? 1 : members;
    }

    public NetworkConfig networkConfig(DataType dataType, long seed) {
        return new NetworkConfig(vocabularySize, embeddingDim, hidden, layers, expansion, tied, relationDim,
                distanceScale, dataType, seed, contextWindow == null ? 0 : contextWindow,
                Boolean.TRUE.equals(pairFeatures), encoder);
    }

    public LabelSpace labelSpace() {
        boolean[][] allowed = new boolean[relationTypes.size()][entityTypes.size()];
        for (int r = 0; r < relationTypes.size(); r++) {
            for (String t : relationModifierTypes.getOrDefault(relationTypes.get(r), List.of())) {
                int idx = entityTypes.indexOf(t);
                if (idx < 0) {
                    throw new IllegalArgumentException("relation " + relationTypes.get(r) + " names modifier type " + t
                            + " that is not an entity type");
                }
                allowed[r][idx] = true;
            }
        }
        return new LabelSpace(entityTypes, anchorType, relationTypes, allowed);
    }

    /** The configuration of a network and label space (inverse of {@link #networkConfig} and {@link #labelSpace}). */
    public static ModelConfig of(NetworkConfig network, LabelSpace labels, boolean lowerCase, boolean stripAccents,
                                 int maxCharsPerWord) {
        Map<String, List<String>> modifiers = new LinkedHashMap<>();
        for (int r = 0; r < labels.relationTypes().size(); r++) {
            modifiers.put(labels.relationTypes().get(r), labels.modifierTypes(r));
        }
        return new ModelConfig(FORMAT_VERSION, network.vocabularySize(), network.embeddingDim(), network.hidden(),
                network.layers(), network.expansion(), network.tied(), network.relationDim(), network.distanceScale(),
                labels.entityTypes(), labels.anchorType(), labels.relationTypes(), modifiers, lowerCase, stripAccents,
                maxCharsPerWord, null, network.contextWindow(), network.pairFeatures(), null, null, null,
                network.contextualEncoder(), null, null, null);
    }

    /** This configuration for a vocabulary of another size (see {@link VocabularyPruning}). */
    public ModelConfig withVocabularySize(int size) {
        Changes c = changes();
        c.vocabularySize = size;
        return c.build();
    }

    /** This configuration with a relation decision threshold tuned on dev data (absent in older files: 0.5). */
    public ModelConfig withRelationThreshold(double threshold) {
        Changes c = changes();
        c.relationThreshold = threshold;
        c.memberThresholds = memberThresholds == null ? null : lastReplaced(memberThresholds, threshold);
        return c.build();
    }

    private static List<Double> lastReplaced(List<Double> values, double last) {
        List<Double> copy = new java.util.ArrayList<>(values);
        copy.set(copy.size() - 1, last);
        return copy;
    }

    /**
     * This configuration for the first {@code count} networks of an ensemble (1: a single network, stored as before):
     * the relation threshold tuned for them if there is one, the member thresholds cut to them.
     */
    public ModelConfig withMembers(int count) {
        List<Double> thresholds = memberThresholds == null ? null
                : count <= memberThresholds.size() ? memberThresholds.subList(0, count) : null;
        Changes c = changes();
        c.relationThreshold = thresholds == null ? relationThreshold : thresholds.get(count - 1);
        c.members = count == 1 ? null : count;
        c.memberThresholds = count == 1 ? null : thresholds;
        return c.build();
    }

    /** This configuration with the relation thresholds tuned for each number of leading networks (and for all). */
    public ModelConfig withMemberThresholds(List<Double> thresholds) {
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException("no thresholds");
        }
        if (memberCount() == 1) { // a single network stores only its threshold, readable by older builds
            return withRelationThreshold(thresholds.get(0));
        }
        Changes c = changes();
        c.relationThreshold = thresholds.get(thresholds.size() - 1);
        c.memberThresholds = thresholds;
        return c.build();
    }

    /** This configuration for an ensemble of {@code count} networks, with no relation threshold tuned for it yet. */
    public ModelConfig forEnsemble(int count) {
        Changes c = changes();
        c.relationThreshold = null;
        c.members = count == 1 ? null : count;
        c.memberThresholds = null;
        return c.build();
    }

    /**
     * What the networks of one ensemble must have in common: everything but the thresholds, the member count and the
     * encoder's notice (it records the import date), with absent settings as their defaults (a file from before a
     * setting existed equals one with its default).
     */
    public ModelConfig sharedByEnsembleMembers() {
        NetworkConfig network = networkConfig(DataType.FLOAT, 0);
        Changes c = changes();
        c.relationThreshold = null;
        c.contextWindow = network.contextWindow();
        c.pairFeatures = network.pairFeatures();
        c.members = null;
        c.memberThresholds = null;
        c.sentenceBreaks = countsSentenceBreaks();
        c.sentenceRule = sentenceRuleVersion() == 1 ? null : sentenceRule;
        c.encoderNotice = null;
        return c.build();
    }

    /** Whether sentence ends inside a line count as line breaks in the relation feature. */
    public boolean countsSentenceBreaks() {
        return Boolean.TRUE.equals(sentenceBreaks);
    }

    /** This configuration with sentence ends inside a line counted as line breaks (or not: stored as absent). */
    public ModelConfig withSentenceBreaks(boolean breaks) {
        Changes c = changes();
        c.sentenceBreaks = breaks ? Boolean.TRUE : null;
        return c.build();
    }

    /** The sentence-end rule in use with sentence breaks (1 when the file names none). */
    public int sentenceRuleVersion() {
        return sentenceRule == null ? 1 : sentenceRule;
    }

    /** This configuration with a sentence-end rule (1, the first rule, is stored as absent). */
    public ModelConfig withSentenceRule(int rule) {
        Changes c = changes();
        c.sentenceRule = rule == 1 ? null : rule;
        return c.build();
    }

    /** This configuration with a window of candidate pairs (null: every pair is scored). */
    public ModelConfig withPairWindow(PairWindow window) {
        Changes c = changes();
        c.pairWindow = window;
        return c.build();
    }

    /** This configuration with another contextual encoder (its shape, ids and window margin). */
    public ModelConfig withEncoder(ContextualEncoderConfig contextualEncoder) {
        Changes c = changes();
        c.encoder = contextualEncoder;
        return c.build();
    }

    /** This configuration with the notice of its pretrained encoder's source and licence (null: none). */
    public ModelConfig withEncoderNotice(String notice) {
        Changes c = changes();
        c.encoderNotice = notice;
        return c.build();
    }

    private Changes changes() {
        return new Changes(this);
    }

    /**
     * The settings the {@code with} methods change, over a copy of this configuration: the record's constructor is
     * then called in one place instead of once per method.
     */
    private static final class Changes {
        private final ModelConfig from;
        private int vocabularySize;
        private Double relationThreshold;
        private Integer contextWindow;
        private Boolean pairFeatures;
        private Integer members;
        private List<Double> memberThresholds;
        private Boolean sentenceBreaks;
        private ContextualEncoderConfig encoder;
        private PairWindow pairWindow;
        private Integer sentenceRule;
        private String encoderNotice;

        private Changes(ModelConfig from) {
            this.from = from;
            vocabularySize = from.vocabularySize;
            relationThreshold = from.relationThreshold;
            contextWindow = from.contextWindow;
            pairFeatures = from.pairFeatures;
            members = from.members;
            memberThresholds = from.memberThresholds;
            sentenceBreaks = from.sentenceBreaks;
            encoder = from.encoder;
            pairWindow = from.pairWindow;
            sentenceRule = from.sentenceRule;
            encoderNotice = from.encoderNotice;
        }

        private ModelConfig build() {
            return new ModelConfig(from.formatVersion, vocabularySize, from.embeddingDim, from.hidden, from.layers,
                    from.expansion, from.tied, from.relationDim, from.distanceScale, from.entityTypes, from.anchorType,
                    from.relationTypes, from.relationModifierTypes, from.lowerCase, from.stripAccents,
                    from.maxCharsPerWord, relationThreshold, contextWindow, pairFeatures, members, memberThresholds,
                    sentenceBreaks, encoder, pairWindow, sentenceRule, encoderNotice);
        }
    }

    /** Text to network input for this configuration and vocabulary: the one path of training and prediction. */
    public TextEncoder textEncoder(Vocabulary vocabulary) {
        return new TextEncoder(new WordPieceTokenizer(vocabulary, new BasicTokenizer(lowerCase(), stripAccents()),
                maxCharsPerWord()), countsSentenceBreaks(), sentenceRuleVersion());
    }
}
