package org.jnrf.network;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.compute.Kernels;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.fourier.FourierMixer;
import org.jnrf.network.layers.ContextWindow;
import org.jnrf.network.layers.Embedding;
import org.jnrf.network.layers.FNetEncoder;
import org.jnrf.network.layers.Init;
import org.jnrf.network.layers.Linear;
import org.jnrf.network.layers.Mlp;
import org.jnrf.network.layers.Param;
import org.jnrf.network.layers.PositionalEncoding;
import org.jnrf.network.layers.WindowProjection;
import org.jnrf.network.transformer.BertEncoder;
import org.jnrf.network.transformer.WindowedEncoder;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JNRF network: token ids -> embedding -> MLP -> + sinusoidal positions -> FNet encoder -> (a) tagging MLP ->
 * BIO softmax, (b) span pooling -> bilinear + distance polynomial relation scorer over (modifier, anchor) pairs.
 * With a contextual encoder ({@link NetworkConfig#contextualEncoder()}) the ids go through a BERT-family encoder in
 * overlapping windows and a linear projection to the model width instead of the embedding, MLP and positions; the
 * FNet layers (0 or more) and the heads follow as before, all trained jointly.
 * Loss = tagging CE + weight x relation CE. Parameters are the only state; each call brings its own {@link Scratch},
 * so {@link #predict} may run on several threads at once. Training (gradients) is single-threaded.
 */
public final class JnrfNetwork {
    private final NetworkConfig config;
    private final LabelSpace labels;
    private final FourierMixer mixer;
    private final Kernels kernels;
    private final Embedding embedding;
    private final Mlp input;
    private final PositionalEncoding positions;
    /** The contextual encoder and its projection to the model width (null on the table path). */
    private final WindowedEncoder contextual;
    private final Linear projection;
    /** The FNet layers (null when there are none: only with a contextual encoder). */
    private final FNetEncoder encoder;
    private final Mlp tagger;
    private final RelationHead relation;
    private final List<Param> params = new ArrayList<>();

    public JnrfNetwork(NetworkConfig config, LabelSpace labels, FourierMixer mixer) {
        this(config, labels, mixer, null, true);
    }

    public JnrfNetwork(NetworkConfig config, LabelSpace labels, FourierMixer mixer, Kernels kernels) {
        this(config, labels, mixer, kernels, null, true);
    }

    public JnrfNetwork(NetworkConfig config, LabelSpace labels, FourierMixer mixer, INDArray pretrained,
                       boolean trainableEmbeddings) {
        this(config, labels, mixer, Kernels.fromSystemProperty(defaultThreads()), pretrained, trainableEmbeddings);
    }

    /** Threads of the host kernels and Fourier transforms unless configured: {@link ComputeThreads#hostDefault()}. */
    public static int defaultThreads() {
        return ComputeThreads.hostDefault();
    }

    /** With a pretrained embedding matrix (vocabulary x embeddingDim, or null) as the initial table. */
    public JnrfNetwork(NetworkConfig config, LabelSpace labels, FourierMixer mixer, Kernels kernels,
                       INDArray pretrained, boolean trainableEmbeddings) {
        this(config, labels, mixer, kernels, pretrained, trainableEmbeddings,
                new Init(config.seed(), config.dataType()));
    }

    /**
     * A network whose parameters are all zero, to receive weights from a model file or another network (drawing
     * the 10-20 M random values first took about a second per model load).
     */
    public static JnrfNetwork forWeights(NetworkConfig config, LabelSpace labels, FourierMixer mixer,
                                         Kernels kernels) {
        return new JnrfNetwork(config, labels, mixer, kernels, null, true, Init.placeholder(config.dataType()), null);
    }

    /**
     * A network whose contextual encoder starts from pretrained weights, by {@code BertShape} name (an imported
     * MiniLM, bge or e5: tensors of layers beyond the configured ones are ignored); the rest is drawn at random.
     */
    public static JnrfNetwork withPretrainedEncoder(NetworkConfig config, LabelSpace labels, FourierMixer mixer,
                                                    Kernels kernels, Map<String, INDArray> encoderWeights) {
        if (config.contextualEncoder() == null) {
            throw new IllegalArgumentException("pretrained encoder weights for a configuration without an encoder");
        }
        return new JnrfNetwork(config, labels, mixer, kernels, null, true, new Init(config.seed(), config.dataType()),
                encoderWeights);
    }

    private JnrfNetwork(NetworkConfig config, LabelSpace labels, FourierMixer mixer, Kernels kernels,
                        INDArray pretrained, boolean trainableEmbeddings, Init init) {
        this(config, labels, mixer, kernels, pretrained, trainableEmbeddings, init, null);
    }

    private JnrfNetwork(NetworkConfig config, LabelSpace labels, FourierMixer mixer, Kernels kernels,
                        INDArray pretrained, boolean trainableEmbeddings, Init init,
                        Map<String, INDArray> encoderWeights) {
        this.config = config;
        this.kernels = kernels;
        this.labels = labels;
        this.mixer = mixer;
        int h = config.hidden();
        ContextualEncoderConfig ce = config.contextualEncoder();
        if (ce != null) {
            if (pretrained != null) {
                throw new IllegalArgumentException("a network with a contextual encoder has no embedding table to"
                        + " start from pretrained vectors");
            }
            BertEncoder bert = new BertEncoder(ce.shape(),
                    encoderWeights != null ? Init.placeholder(config.dataType()) : init);
            if (encoderWeights != null) {
                bert.load(encoderWeights);
            }
            this.contextual = new WindowedEncoder(bert, ce.clsId(), ce.sepId(), ce.margin());
            this.projection = new Linear("projection", ce.shape().width(), h, init);
            this.embedding = null;
            this.input = null;
            this.positions = null;
        } else {
            this.contextual = null;
            this.projection = null;
            if (pretrained != null) {
                if (pretrained.rows() != config.vocabularySize() || pretrained.columns() != config.embeddingDim()) {
                    throw new IllegalArgumentException("pretrained embeddings are " + pretrained.rows() + " x "
                            + pretrained.columns() + ", the configuration expects " + config.vocabularySize() + " x "
                            + config.embeddingDim());
                }
                this.embedding = new Embedding("embedding", pretrained.castTo(config.dataType()),
                        trainableEmbeddings);
            } else {
                this.embedding = new Embedding("embedding", config.vocabularySize(), config.embeddingDim(), init);
                embedding.params().get(0).setTrainable(trainableEmbeddings);
            }
            this.input = new Mlp("input",
                    new int[]{ContextWindow.width(config.embeddingDim(), config.contextWindow()), h, h}, init);
            this.positions = new PositionalEncoding(h, config.dataType());
        }
        this.encoder = config.layers() == 0 ? null
                : new FNetEncoder(h, config.expansion(), config.layers(), config.tied(), mixer, init);
        this.tagger = new Mlp("tagger", new int[]{h, h, labels.tagCount()}, init);
        this.relation = new RelationHead(h, labels.relationClassCount(), config.relationDim(),
                config.distanceScale(), config.pairFeatures(), init);
        if (contextual != null) {
            params.addAll(contextual.encoder().params());
            params.addAll(projection.params());
        } else {
            params.addAll(embedding.params());
            params.addAll(input.params());
        }
        if (encoder != null) {
            params.addAll(encoder.params());
        }
        params.addAll(tagger.params());
        params.addAll(relation.params());
    }

    public NetworkConfig config() {
        return config;
    }

    public LabelSpace labels() {
        return labels;
    }

    public FourierMixer mixer() {
        return mixer;
    }

    /** All parameters in a fixed order with unique names. */
    public List<Param> params() {
        return List.copyOf(params);
    }

    public Map<String, Param> paramsByName() {
        Map<String, Param> m = new LinkedHashMap<>();
        params.forEach(p -> m.put(p.name(), p));
        return m;
    }

    public void zeroGrads() {
        params.forEach(Param::zeroGrad);
    }

    public Kernels kernels() {
        return kernels;
    }

    public Scratch newScratch() {
        return new Scratch(config.dataType(), kernels);
    }

    private INDArray encode(int[] ids, Cache cache, boolean training) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("empty token sequence");
        }
        INDArray x;
        if (contextual != null) {
            INDArray c = contextual.forward(ids, cache.child("contextual"), training);
            x = projection.forward(c, cache.child("projection"));
        } else {
            Cache in = cache.child("input");
            if (!training && WindowProjection.applies(embedding, input.first(), cache)) {
                // each distinct token's products once instead of the whole window's at every position
                x = input.forwardAfterFirst(WindowProjection.forward(ids, embedding, input.first(),
                        config.contextWindow(), in.child("lin0")), in);
            } else {
                INDArray e = embedding.forward(ids, cache.child("embedding"));
                e = ContextWindow.forward(e, config.contextWindow(), cache.child("window"));
                x = input.forward(e, in);
            }
            kernels.add(x, positions.table(ids.length, cache.child("positions")));
        }
        return encoder == null ? x : encoder.forward(x, cache.child("encoder"), training);
    }

    /** The contextual encoder (null on the embedding-table path). */
    public BertEncoder contextualEncoder() {
        return contextual == null ? null : contextual.encoder();
    }

    /** Tags, decoded entities and a relation decision for every predicted (modifier, anchor) pair. */
    public NetworkPrediction predict(int[] ids, Scratch scratch) {
        return predict(ids, null, null, scratch);
    }

    /**
     * As {@link #predict(int[], Scratch)}, with decoded entities kept to whole words ({@code wordContinuation[i]}:
     * token i continues the previous token's word) and the line each token starts on, a relation feature; either
     * may be null.
     */
    public NetworkPrediction predict(int[] ids, boolean[] wordContinuation, int[] lineIndex, Scratch scratch) {
        EncodedDocument doc = encode(ids, lineIndex, scratch);
        List<EntitySpan> entities = BioDecoder.decodeConstrained(doc.tagProbabilities(), wordContinuation);
        return new NetworkPrediction(toFloat(doc.tagProbabilities()), entities,
                RelationScore.decisions(relationProbabilities(doc, entities)));
    }

    /**
     * Relation decisions for given entity spans instead of the decoded ones (benchmarks with fixed entity density;
     * relation extraction from gold entities).
     */
    public NetworkPrediction predictWithEntities(int[] ids, List<EntitySpan> entities, Scratch scratch) {
        return predictWithEntities(ids, entities, null, scratch);
    }

    public NetworkPrediction predictWithEntities(int[] ids, List<EntitySpan> entities, int[] lineIndex,
                                                 Scratch scratch) {
        EncodedDocument doc = encode(ids, lineIndex, scratch);
        return new NetworkPrediction(toFloat(doc.tagProbabilities()), List.copyOf(entities),
                RelationScore.decisions(relationProbabilities(doc, entities)));
    }

    /**
     * The first half of a prediction, for callers that choose the entities themselves (an ensemble averages several
     * networks' tag probabilities before decoding): the encoded tokens and their tag probabilities. The hidden states
     * live in the scratch's buffers, so the result is valid until the scratch's next use.
     */
    public EncodedDocument encode(int[] ids, int[] lineIndex, Scratch scratch) {
        Cache root = scratch.cache("net");
        INDArray h = encode(ids, root, false);
        double[][] tagProbs = SoftmaxCrossEntropy.probabilities(tagger.forward(h, root.child("tagger")), null);
        return new EncodedDocument(this, h, tagProbs, lineIndex, root);
    }

    /**
     * The class probabilities (0 = no relation) of every (modifier, anchor) pair among {@code entities}, scored on an
     * encoding made by this network.
     */
    public List<PairProbabilities> relationProbabilities(EncodedDocument doc, List<EntitySpan> entities) {
        PairScorer scorer = pairScorer(doc, entities);
        List<PairProbabilities> out = new ArrayList<>();
        if (scorer == null) {
            return out;
        }
        int m = scorer.modifierCount();
        double[][] p = scorer.probabilities(0, scorer.anchorCount());
        for (int j = 0; j < scorer.anchorCount(); j++) {
            for (int i = 0; i < m; i++) {
                out.add(new PairProbabilities(scorer.modifier(i), scorer.anchor(j), p[i + j * m]));
            }
        }
        return out;
    }

    /**
     * A scorer of the (modifier, anchor) pairs among {@code entities} in blocks, on an encoding made by this
     * network; null when there is no pair to score.
     */
    public PairScorer pairScorer(EncodedDocument doc, List<EntitySpan> entities) {
        return pairScorer(doc, entities, null);
    }

    /**
     * As {@link #pairScorer(EncodedDocument, List)}, scoring only the pairs inside {@code window} (null: all pairs),
     * with the same rule as training ({@link LossOptions#pairWindow()}).
     */
    public PairScorer pairScorer(EncodedDocument doc, List<EntitySpan> entities, PairWindow window) {
        if (doc.network != this) {
            throw new IllegalArgumentException("the document was encoded by another network");
        }
        Candidates c = Candidates.of(entities, labels, window != null);
        if (c.modifiers().isEmpty() || c.anchors().isEmpty() || labels.relationTypes().isEmpty()) {
            return null; // (not pairs() == 0: the product of two large counts may not fit an int)
        }
        return new PairScorer(relation, c, labels, doc.hidden, doc.lineIndex, window, doc.cache.child("relation"));
    }

    /** A document encoded for prediction; see {@link #encode(int[], int[], Scratch)}. */
    public static final class EncodedDocument {
        private final JnrfNetwork network;
        private final INDArray hidden;
        private final double[][] tagProbabilities;
        private final int[] lineIndex;
        private final Cache cache;

        private EncodedDocument(JnrfNetwork network, INDArray hidden, double[][] tagProbabilities, int[] lineIndex,
                                Cache cache) {
            this.network = network;
            this.hidden = hidden;
            this.tagProbabilities = tagProbabilities;
            this.lineIndex = lineIndex;
            this.cache = cache;
        }

        /**
         * The same document with its encoder output copied into {@code own}'s memory, and its relations scored
         * there: the scratch that encoded it is then free to encode the next network's view of the document (an
         * ensemble keeps one set of per-token working buffers instead of one per network).
         */
        public EncodedDocument keptIn(Scratch own) {
            Cache root = own.cache("net");
            INDArray copy = root.buffer("hidden", hidden.rows(), hidden.columns()).assign(hidden);
            return new EncodedDocument(network, copy, tagProbabilities, lineIndex, root);
        }

        /** Per token the probability of each tag ({@link BioScheme}: 0 = O, 2t+1 = B-t, 2t+2 = I-t). */
        public double[][] tagProbabilities() {
            return tagProbabilities;
        }
    }

    /**
     * Forward pass, loss and backward pass for one document; gradients are added to the parameters' gradients (call
     * {@link #zeroGrads()} before). Relation pairs are built from the gold entities (teacher forcing), plus, if asked,
     * the predicted entities that match no gold entity.
     */
    public StepLoss computeGradients(TrainingExample example, LossOptions options, Scratch scratch) {
        return run(example, options, scratch, true);
    }

    /** Loss only (no gradients), e.g. for a dev loss or gradient checks. */
    public StepLoss loss(TrainingExample example, LossOptions options, Scratch scratch) {
        return run(example, options, scratch, false);
    }

    private StepLoss run(TrainingExample example, LossOptions options, Scratch scratch, boolean backward) {
        Cache root = scratch.cache("net");
        for (int t : example.bioTags()) {
            if (t < 0 || t >= labels.tagCount()) {
                throw new IllegalArgumentException("document " + example.documentId() + ": tag " + t
                        + " outside the " + labels.tagCount() + " tags");
            }
        }
        INDArray h = encode(example.tokenIds(), root, backward);
        double[][] tagProbs = SoftmaxCrossEntropy.probabilities(tagger.forward(h, root.child("tagger")), null);
        double[] tagRowWeights = LossWeights.tags(example.bioTags(), options);
        double tagLoss = SoftmaxCrossEntropy.loss(tagProbs, example.bioTags(), tagRowWeights);
        INDArray dh = null;
        if (backward) {
            INDArray dTag = SoftmaxCrossEntropy.gradient(tagProbs, example.bioTags(), tagRowWeights, 1.0,
                    config.dataType());
            dh = tagger.backward(dTag, root.child("tagger"), true);
        }
        List<EntitySpan> spans = new ArrayList<>(example.entities());
        List<Integer> alias = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            alias.add(i);
        }
        if (options.addPredictedSpans()) {
            for (EntitySpan predicted : BioDecoder.decodeConstrained(tagProbs, example.wordContinuation())) {
                if (spans.stream().noneMatch(predicted::sameTokens)) {
                    alias.add(goldCounterpart(predicted, example.entities()));
                    spans.add(predicted);
                }
            }
        }
        Candidates c = Candidates.of(spans, labels, options.pairWindow() != null);
        double relLoss = 0;
        if (c.pairs() > 0) {
            boolean[][] allowed = c.allowedClasses(labels);
            int[] targets = c.targets(example.relations(), allowed, alias);
            double[] rowWeights = null;
            if (options.relationClassWeights() != null) {
                rowWeights = new double[targets.length];
                for (int p = 0; p < targets.length; p++) {
                    rowWeights[p] = options.relationClassWeights()[targets[p]];
                }
            }
            rowWeights = LossWeights.pairs(rowWeights, c.modifierSpans(), c.anchorSpans(), example.lineIndex(),
                    options);
            INDArray logits = relation.forward(h, c.modifierSpans(), c.anchorSpans(), example.lineIndex(),
                    root.child("relation"));
            double[][] p = SoftmaxCrossEntropy.probabilities(logits, allowed);
            relLoss = SoftmaxCrossEntropy.loss(p, targets, rowWeights);
            if (backward) {
                INDArray dLogits = SoftmaxCrossEntropy.gradient(p, targets, rowWeights, options.relationLossWeight(),
                        config.dataType());
                relation.backward(dLogits, dh, root.child("relation"));
            }
        }
        if (backward && contextual != null) {
            INDArray dx = encoder == null ? dh : encoder.backward(dh, root.child("encoder"));
            boolean encoderLearns = contextual.encoder().trainable();
            INDArray dc = projection.backward(dx, root.child("projection"), encoderLearns);
            if (encoderLearns) {
                contextual.backward(dc, root.child("contextual"));
            }
        } else if (backward) {
            INDArray dx = encoder.backward(dh, root.child("encoder"));
            INDArray de = input.backward(dx, root.child("input"), true);
            de = ContextWindow.backward(de, config.contextWindow(), root.child("window"));
            embedding.backward(de, root.child("embedding"));
        }
        return new StepLoss(tagLoss + options.relationLossWeight() * relLoss, tagLoss, relLoss, c.pairs());
    }

    /**
     * The gold entity a predicted span stands for: same type, most shared tokens; -1 when none. A span with slightly
     * wrong boundaries thus inherits the gold entity's relations (what a lenient scorer credits), while a spurious
     * one learns "no relation".
     */
    static int goldCounterpart(EntitySpan predicted, List<EntitySpan> gold) {
        int best = -1;
        int bestShared = 0;
        for (int g = 0; g < gold.size(); g++) {
            EntitySpan e = gold.get(g);
            if (e.type() != predicted.type()) {
                continue;
            }
            int shared = 0;
            for (TokenRange a : predicted.ranges()) {
                for (TokenRange b : e.ranges()) {
                    shared += Math.max(0, Math.min(a.end(), b.end()) - Math.max(a.begin(), b.begin()));
                }
            }
            if (shared > bestShared) {
                bestShared = shared;
                best = g;
            }
        }
        return best;
    }

    private static float[][] toFloat(double[][] p) {
        float[][] f = new float[p.length][];
        for (int i = 0; i < p.length; i++) {
            f[i] = new float[p[i].length];
            for (int k = 0; k < p[i].length; k++) {
                f[i][k] = (float) p[i][k];
            }
        }
        return f;
    }

    /** Modifier and anchor spans of a document, as indices into its entity list. */
    record Candidates(List<EntitySpan> spans, List<Integer> modifiers, List<Integer> anchors) {
        static Candidates of(List<EntitySpan> spans, LabelSpace labels) {
            return of(spans, labels, false);
        }

        /**
         * With {@code sorted}, modifiers and anchors in the order of their first tokens (ties: entity order), so that
         * a window's pairs of an anchor are a run of modifiers ({@link PairScorer}); training sorts the same way,
         * so the nearest-anchor feature breaks ties alike in both.
         */
        static Candidates of(List<EntitySpan> spans, LabelSpace labels, boolean sorted) {
            List<Integer> mods = new ArrayList<>();
            List<Integer> ancs = new ArrayList<>();
            int anchorType = labels.anchorTypeIndex();
            for (int i = 0; i < spans.size(); i++) {
                int type = spans.get(i).type();
                if (type == anchorType) {
                    ancs.add(i);
                } else if (labels.isModifierType(type)) {
                    mods.add(i);
                }
            }
            if (sorted) {
                java.util.Comparator<Integer> byStart = java.util.Comparator.comparingInt(i -> spans.get(i).firstToken());
                mods.sort(byStart);
                ancs.sort(byStart);
            }
            return new Candidates(spans, mods, ancs);
        }

        /**
         * Gold class of each pair (0 = no relation); a gold class the modifier type does not allow counts as 0.
         * alias maps each span to the gold entity it stands for (-1: none).
         */
        int[] targets(List<RelationPair> relations, boolean[][] allowed, List<Integer> alias) {
            Map<Long, Integer> gold = new HashMap<>();
            for (RelationPair r : relations) {
                gold.putIfAbsent(((long) r.modifier() << 32) | r.anchor(), r.relationType() + 1);
            }
            int m = modifiers.size();
            int[] targets = new int[pairs()];
            for (int j = 0; j < anchors.size(); j++) {
                for (int i = 0; i < m; i++) {
                    int mod = alias.get(modifiers.get(i));
                    int anc = alias.get(anchors.get(j));
                    Integer t = mod < 0 || anc < 0 ? null : gold.get(((long) mod << 32) | anc);
                    int target = t == null ? 0 : t;
                    targets[i + j * m] = allowed[i + j * m][target] ? target : 0;
                }
            }
            return targets;
        }

        int pairs() {
            return modifiers.size() * anchors.size();
        }

        List<EntitySpan> modifierSpans() {
            return modifiers.stream().map(spans::get).toList();
        }

        List<EntitySpan> anchorSpans() {
            return anchors.stream().map(spans::get).toList();
        }

        /** The classes each modifier's type allows (0, no relation, always), per modifier. */
        boolean[][] allowedByModifier(LabelSpace labels) {
            boolean[][] allowed = new boolean[modifiers.size()][labels.relationClassCount()];
            for (int i = 0; i < modifiers.size(); i++) {
                allowed[i][0] = true;
                int type = spans.get(modifiers.get(i)).type();
                for (int r = 0; r < labels.relationTypes().size(); r++) {
                    allowed[i][r + 1] = labels.allowed(r, type);
                }
            }
            return allowed;
        }

        /** The classes allowed for each pair (rows shared by the pairs of one modifier). */
        boolean[][] allowedClasses(LabelSpace labels) {
            return perPair(allowedByModifier(labels), anchors.size());
        }

        /** Per-modifier rows repeated for the pairs with {@code anchors} anchors, pair i + j m. */
        static boolean[][] perPair(boolean[][] byModifier, int anchors) {
            int m = byModifier.length;
            boolean[][] allowed = new boolean[m * anchors][];
            for (int j = 0; j < anchors; j++) {
                System.arraycopy(byModifier, 0, allowed, j * m, m);
            }
            return allowed;
        }
    }
}
