package org.jnrf.training;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.ModelConfig;
import org.jnrf.model.NetworkWeights;
import org.jnrf.model.Tensor;
import org.jnrf.network.ContextualEncoderConfig;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.LabelSpace;
import org.jnrf.network.LossOptions;
import org.jnrf.network.EntitySpan;
import org.jnrf.network.NetworkConfig;
import org.jnrf.network.PairWindow;
import org.jnrf.network.RelationPair;
import org.jnrf.network.StepLoss;
import org.jnrf.network.TrainingExample;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.fourier.FourierMixer;
import org.jnrf.network.fourier.FourierMixers;
import org.jnrf.network.optimizer.Adam;
import org.jnrf.network.optimizer.GradientClipping;
import org.jnrf.network.transformer.BertShape;
import org.jnrf.text.AlignedEmbeddings;
import org.jnrf.text.BasicTokenizer;
import org.jnrf.text.Vocabulary;
import org.jnrf.text.VocabularyBuilder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains a JNRF model on annotated documents, one whole document per step: builds the vocabulary (unless given) and
 * the label space from the training set, aligns gold spans to tokens ({@link ExampleEncoder}), shuffles the documents
 * each epoch with the seed, takes Adam steps with warm-up, decay and global-norm clipping, asks the listener to score
 * a snapshot after every epoch, keeps the best one, stops early after {@code patience} epochs without improvement
 * and, when a checkpoint file is set, saves and resumes the run there.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final int MAX_CHARS_PER_WORD = 100;

    private final TrainingConfig config;
    private Vocabulary vocabulary;
    private Path checkpoint;
    private AlignedEmbeddings pretrained;
    private boolean pretrainedTrainable = true;
    private FourierMixer mixer;
    private int stopAfterEpochs = Integer.MAX_VALUE;
    private BertShape encoderShape;
    private Map<String, INDArray> encoderWeights;
    private String encoderNotice;

    public Trainer(TrainingConfig config) {
        this.config = config;
    }

    /** Uses this vocabulary instead of building one from the training texts. */
    public Trainer vocabulary(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        return this;
    }

    /** Saves the run to this file after every epoch and resumes from it when it exists. */
    public Trainer checkpoint(Path file) {
        this.checkpoint = file;
        return this;
    }

    /** Initial embedding table (aligned to the vocabulary in use), frozen or trainable. */
    public Trainer pretrainedEmbeddings(AlignedEmbeddings embeddings, boolean trainable) {
        this.pretrained = embeddings;
        this.pretrainedTrainable = trainable;
        return this;
    }

    /**
     * A pretrained contextual encoder to start from (for {@code encoder=pretrained}): its full shape, its weights by
     * {@link BertShape} name (as an importer produces them), the vocabulary of its tokenizer, which the model then
     * uses, and the notice of the weights' source and licence, which the model carries.
     */
    public Trainer pretrainedEncoder(BertShape shape, Map<String, INDArray> weights, Vocabulary encoderVocabulary,
                                     String notice) {
        if (encoderVocabulary.size() != shape.vocabularySize()) {
            throw new IllegalArgumentException("the encoder's vocabulary has " + encoderVocabulary.size()
                    + " pieces, its shape " + shape.vocabularySize());
        }
        this.encoderShape = shape;
        this.encoderWeights = Map.copyOf(weights);
        this.vocabulary = encoderVocabulary;
        this.encoderNotice = java.util.Objects.requireNonNull(notice, "the encoder's licence notice");
        return this;
    }

    public Trainer fourierMixer(FourierMixer mixer) {
        this.mixer = mixer;
        return this;
    }

    /**
     * Ends this call after that many more epochs (the run, its schedule and its checkpoint still plan
     * {@code config.epochs()}): for time-sliced training resumed from the checkpoint.
     */
    public Trainer stopAfterEpochs(int epochs) {
        this.stopAfterEpochs = epochs;
        return this;
    }

    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains and returns the best epoch's model.
     *
     * @param listener scores each epoch's snapshot; null = score by negated dev loss
     */
    public JnrfModel train(List<AnnotatedDocument> train, List<AnnotatedDocument> dev, TrainingListener listener)
            throws IOException {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training documents");
        }
        if (config.documentPartChars() > 0) {
            DocumentParts.Split split = DocumentParts.split(train, config.documentPartChars());
            LOG.info("training documents: {} cut at blank lines into parts of about {} characters, {} in all; {}"
                    + " relations across a cut left out", split.documentsCut(), config.documentPartChars(),
                    split.documents().size(), split.relationsLeftOut());
            train = split.documents();
        }
        TrainingListener scorer = listener == null ? TrainingListener.devLoss() : listener;
        TrainingCheckpoint resumed = checkpoint != null && Files.exists(checkpoint)
                ? TrainingCheckpoint.read(checkpoint) : null;
        if (resumed != null && !resumed.state().config().equals(config)) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + " was written with another training"
                    + " configuration: " + resumed.state().config());
        }
        Vocabulary vocab = resumed != null ? resumed.vocabulary() : vocabulary != null ? vocabulary
                : buildVocabulary(train);
        LabelSpace labels = resumed != null ? resumed.modelConfig().labelSpace()
                : RelationTyping.fromData(LabelSpaces.fromDocuments(train, config.anchorType()), train,
                        config.relationTypingShare());
        NetworkConfig nc = networkConfig(vocab);
        ModelConfig modelConfig = ModelConfig.of(nc, labels, config.lowerCase(), config.stripAccents(),
                MAX_CHARS_PER_WORD).withSentenceBreaks(config.sentenceBreaks())
                .withSentenceRule(config.sentenceBreaks() ? config.sentenceRule() : 1).withEncoderNotice(encoderNotice);
        FourierMixer fourier = mixer != null ? mixer
                : FourierMixers.fromSystemProperty(Math.min(4, Runtime.getRuntime().availableProcessors()));
        JnrfNetwork network = encoderWeights != null && resumed == null
                ? JnrfNetwork.withPretrainedEncoder(nc, labels, fourier,
                        org.jnrf.network.compute.Kernels.fromSystemProperty(JnrfNetwork.defaultThreads()),
                        encoderWeights)
                : new JnrfNetwork(nc, labels, fourier, pretrainedMatrix(vocab), pretrainedTrainable);
        if (network.contextualEncoder() != null) {
            network.contextualEncoder().setTrainableTop(config.encoderTrainableLayers());
        }

        // the model's own text encoder: training reads a text exactly as the trained model will
        ExampleEncoder encoder = new ExampleEncoder(modelConfig.textEncoder(vocab), labels);
        List<TrainingExample> examples = encode(encoder, train, "training");
        List<TrainingExample> devExamples = encode(encoder, dev, "dev");
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training document has any token");
        }
        PairWindows.Learned learned = PairWindows.learn(examples, config.pairWindowCoverage(),
                config.pairWindowMargin());
        PairWindow window = learned == null ? null : learned.window();
        if (learned != null) {
            LOG.info("candidate pairs: at most {} lines and {} word pieces apart, covering {} of the {} training"
                    + " relations", bound(window.lines()), bound(window.tokens()),
                    String.format("%.4f", learned.covered()), learned.relations());
        }
        modelConfig = modelConfig.withPairWindow(window);
        LossOptions options = new LossOptions(
                config.relationClassWeighting().weights(classCounts(examples, labels, window)),
                config.addPredictedSpans(), config.relationLossWeight(), window,
                config.entityTypeWeighting().tagWeights(examples, labels.entityTypeCount()), null);
        List<StepSpans.Unit> units = StepSpans.of(examples, config.stepTokens());
        Adam adam = Adam.standard(network);
        if (config.hasEncoder()) {
            adam.scaleLearningRate(p -> p.name().startsWith(BertShape.PREFIX),
                    config.encoderLearningRate() / config.learningRate());
        }
        int perStep = config.documentsPerStep();
        long totalSteps = (long) config.epochs() * ((units.size() + perStep - 1) / perStep);
        LearningRateSchedule schedule = new LearningRateSchedule(config.schedule(), config.learningRate(),
                Math.round(config.warmupFraction() * totalSteps), totalSteps, config.finalLearningRateFraction());

        ShuffleRandom random = new ShuffleRandom(config.seed());
        int startEpoch = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = -1;
        int sinceBest = 0;
        JnrfModel best = null;
        List<Tensor> bestWeights = null;
        if (resumed != null) {
            resumed.restore(network, adam);
            TrainingCheckpoint.State s = resumed.state();
            random = new ShuffleRandom(s.shuffleState());
            startEpoch = s.epochsCompleted();
            sinceBest = s.epochsWithoutImprovement();
            if (s.bestScore() != null && resumed.hasBestWeights()) {
                bestScore = s.bestScore();
                bestEpoch = s.bestEpoch();
                JnrfNetwork bestNet = JnrfNetwork.forWeights(nc, labels, fourier, network.kernels());
                resumed.restoreBest(bestNet);
                best = JnrfModel.fromNetwork(modelConfig, vocab, bestNet);
                bestWeights = NetworkWeights.export(bestNet);
            }
            LOG.info("resuming from {} after epoch {}", checkpoint, startEpoch);
        }
        WeightAverage average = null;
        if (config.weightAverageDecay() > 0) {
            // every weight comes from the network or the checkpoint: no random initial values to draw
            JnrfNetwork averaged = JnrfNetwork.forWeights(nc, labels, fourier, network.kernels());
            long done = 0;
            if (resumed != null && resumed.hasAverageWeights()) {
                resumed.restoreAverage(averaged);
                done = resumed.state().averageUpdates();
            }
            average = new WeightAverage(config.weightAverageDecay(), network, averaged, done);
        }
        // the network whose weights are scored, kept as the best and saved: the average when there is one
        JnrfNetwork scored = average != null ? average.network() : network;
        Scratch scratch = network.newScratch();
        TokenDropout dropout = new TokenDropout(config.tokenDropout(), vocab.unknownId(), config.seed());
        int epochsThisCall = 0;
        for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
            if (config.patience() > 0 && sinceBest >= config.patience()) {
                LOG.info("early stop: {} epochs without improvement", sinceBest);
                break;
            }
            if (epochsThisCall++ >= stopAfterEpochs) {
                break;
            }
            long started = System.nanoTime();
            int[] order = random.permutation(units.size());
            double sum = 0;
            double tagSum = 0;
            double relSum = 0;
            for (int first = 0; first < order.length; first += perStep) {
                List<TrainingExample> batch = new ArrayList<>(perStep);
                List<LossOptions> batchOptions = new ArrayList<>(perStep);
                for (int i = first; i < Math.min(order.length, first + perStep); i++) {
                    StepSpans.Unit unit = units.get(order[i]);
                    batch.add(dropout.apply(examples.get(unit.example()), epoch, i));
                    batchOptions.add(options.withLossSpan(unit.lossSpan()));
                }
                List<StepLoss> losses = step(network, adam, batch, batchOptions, scratch, schedule.at(adam.step()),
                        config.clipNorm());
                for (int j = 0; j < losses.size(); j++) {
                    StepLoss loss = losses.get(j);
                    if (!Double.isFinite(loss.total())) {
                        throw new IllegalStateException("training diverged: loss " + loss.total() + " on document "
                                + batch.get(j).documentId() + " in epoch " + (epoch + 1));
                    }
                    sum += loss.total();
                    tagSum += loss.tagging();
                    relSum += loss.relation();
                    scorer.stepEnd(epoch, first + j, order.length, loss.total());
                }
                if (average != null) {
                    average.update(network);
                }
            }
            double trainLoss = sum / order.length;
            JnrfModel snapshot = JnrfModel.fromNetwork(modelConfig, vocab, scored);
            double score = scorer.epochEnd(epoch, trainLoss, snapshot);
            if (Double.isNaN(score)) {
                score = devExamples.isEmpty() ? -trainLoss : -meanLoss(scored, devExamples, options, scratch);
            }
            if (score > bestScore) {
                bestScore = score;
                bestEpoch = epoch;
                best = snapshot;
                bestWeights = NetworkWeights.export(scored);
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            LOG.info("epoch {}/{}: train loss {} (tagging {}, relation {}), score {} (best {} at epoch {}), {} s",
                    epoch + 1, config.epochs(), String.format("%.4f", trainLoss),
                    String.format("%.4f", tagSum / order.length), String.format("%.4f", relSum / order.length),
                    String.format("%.4f", score), String.format("%.4f", bestScore),
                    bestEpoch + 1, String.format("%.1f", (System.nanoTime() - started) / 1e9));
            if (checkpoint != null) {
                TrainingCheckpoint.write(checkpoint, modelConfig, vocab, network, adam, bestWeights,
                        average != null ? NetworkWeights.export(average.network()) : null,
                        new TrainingCheckpoint.State(TrainingCheckpoint.FORMAT_VERSION, epoch + 1, adam.step(),
                                random.state(), bestScore, bestEpoch, sinceBest,
                                average != null ? average.updates() : 0, config));
            }
        }
        if (best == null) {
            // nothing trained in this call (e.g. a finished checkpoint without a scored epoch)
            best = JnrfModel.fromNetwork(modelConfig, vocab, scored);
        }
        return best;
    }

    /**
     * One training step on one document: the gradients of its loss, clipped to a total norm of {@code clipNorm}
     * (none when not positive), then an Adam update at {@code learningRate}. A step whose loss is not finite is not
     * applied: the caller decides what a diverged loss means.
     */
    public static StepLoss step(JnrfNetwork network, Adam adam, TrainingExample example, LossOptions options,
                                Scratch scratch, double learningRate, double clipNorm) {
        return step(network, adam, List.of(example), options, scratch, learningRate, clipNorm).get(0);
    }

    /**
     * One training step on several documents: the mean of their gradients, clipped to a total norm of
     * {@code clipNorm}, then one Adam update (fewer, steadier updates of a large encoder, whose optimizer and
     * weight-average passes then cost once per step instead of once per document). Not applied when a loss is not
     * finite.
     */
    public static List<StepLoss> step(JnrfNetwork network, Adam adam, List<TrainingExample> examples,
                                      LossOptions options, Scratch scratch, double learningRate, double clipNorm) {
        return step(network, adam, examples, java.util.Collections.nCopies(examples.size(), options), scratch,
                learningRate, clipNorm);
    }

    /** As {@link #step(JnrfNetwork, Adam, List, LossOptions, Scratch, double, double)}, options per example. */
    public static List<StepLoss> step(JnrfNetwork network, Adam adam, List<TrainingExample> examples,
                                      List<LossOptions> options, Scratch scratch, double learningRate,
                                      double clipNorm) {
        network.zeroGrads();
        List<StepLoss> losses = new ArrayList<>(examples.size());
        boolean finite = true;
        for (int i = 0; i < examples.size(); i++) {
            // gradients add up until zeroed
            StepLoss loss = network.computeGradients(examples.get(i), options.get(i), scratch);
            losses.add(loss);
            finite &= Double.isFinite(loss.total());
        }
        if (finite) {
            int n = examples.size();
            // the sum's norm is n times the mean's: clip the mean, then scale the sum to it
            adam.update(learningRate, GradientClipping.clipFactor(network.params(), clipNorm * n) / n);
        }
        return losses;
    }

    private static String bound(int distance) {
        return distance == PairWindow.UNBOUNDED ? "any" : Integer.toString(distance);
    }

    /** The network's shape: the table path, or a contextual encoder (then no context window) in front. */
    private NetworkConfig networkConfig(Vocabulary vocab) {
        if (!config.hasEncoder()) {
            return new NetworkConfig(vocab.size(), config.embeddingDim(), config.hidden(), config.layers(),
                    config.expansion(), config.tied(), config.relationDim(), config.distanceScale(), DataType.FLOAT,
                    config.seed(), config.contextWindow(), config.pairFeatures());
        }
        BertShape shape;
        if (config.encoder().equals(TrainingConfig.PRETRAINED_ENCODER)) {
            if (encoderShape == null) {
                throw new IllegalArgumentException("encoder=pretrained needs an imported encoder (its weights and"
                        + " vocabulary)");
            }
            int keep = config.encoderLayers() == 0 ? encoderShape.layers() : config.encoderLayers();
            if (keep > encoderShape.layers()) {
                throw new IllegalArgumentException("encoderLayers " + keep + ": the encoder has "
                        + encoderShape.layers());
            }
            shape = encoderShape.withLayers(keep);
        } else {
            shape = new BertShape(vocab.size(), config.encoderPositions(), 2, config.encoderWidth(),
                    config.encoderLayers(), config.encoderHeads(), config.encoderIntermediate(), 1e-12);
        }
        if (vocab.clsId() < 0 || vocab.sepId() < 0) {
            throw new IllegalArgumentException("a contextual encoder needs [CLS] and [SEP] in the vocabulary");
        }
        return new NetworkConfig(vocab.size(), shape.width(), config.hidden(), config.layers(), config.expansion(),
                config.tied(), config.relationDim(), config.distanceScale(), DataType.FLOAT, config.seed(), 0,
                config.pairFeatures(), new ContextualEncoderConfig(shape, vocab.clsId(), vocab.sepId(),
                windowMargin(shape)));
    }

    private Vocabulary buildVocabulary(List<AnnotatedDocument> train) {
        VocabularyBuilder builder = new VocabularyBuilder(new BasicTokenizer(config.lowerCase(), config.stripAccents()),
                config.vocabularySize(), config.minPieceFrequency());
        train.forEach(d -> builder.add(d.text()));
        return builder.build();
    }

    private INDArray pretrainedMatrix(Vocabulary vocab) {
        if (pretrained == null) {
            return null;
        }
        if (pretrained.rows() != vocab.size() || pretrained.dimension() != config.embeddingDim()) {
            throw new IllegalArgumentException("pretrained embeddings are " + pretrained.rows() + " x "
                    + pretrained.dimension() + ", the vocabulary and configuration need " + vocab.size() + " x "
                    + config.embeddingDim());
        }
        return Nd4j.create(pretrained.matrix(), new long[]{pretrained.rows(), pretrained.dimension()}, 'c');
    }

    private static List<TrainingExample> encode(ExampleEncoder encoder, List<AnnotatedDocument> docs, String what) {
        List<TrainingExample> out = new ArrayList<>();
        int empty = 0;
        int untagged = 0;
        int skipped = 0;
        for (AnnotatedDocument d : docs) {
            ExampleEncoder.Encoded e = encoder.encode(d);
            if (e.example() == null) {
                empty++;
                continue;
            }
            untagged += e.untaggedOverlapping();
            skipped += e.skippedRelations();
            out.add(e.example());
        }
        if (!docs.isEmpty()) {
            LOG.info("{}: {} documents ({} without tokens skipped), {} overlapping entities left untagged, {} relations"
                    + " outside the modifier-anchor scheme", what, out.size(), empty, untagged, skipped);
        }
        return out;
    }

    /** Relation class counts over the gold (modifier, anchor) pairs of the training set. */
    static long[] classCounts(List<TrainingExample> examples, LabelSpace labels) {
        return classCounts(examples, labels, null);
    }

    /** Relation class counts over the gold (modifier, anchor) pairs inside the window (null: all pairs). */
    static long[] classCounts(List<TrainingExample> examples, LabelSpace labels, PairWindow window) {
        long[] counts = new long[labels.relationClassCount()];
        int anchor = labels.anchorTypeIndex();
        for (TrainingExample ex : examples) {
            List<EntitySpan> mods = ex.entities().stream()
                    .filter(e -> e.type() != anchor && labels.isModifierType(e.type())).toList();
            List<EntitySpan> ancs = ex.entities().stream().filter(e -> e.type() == anchor).toList();
            long pairs = (long) mods.size() * ancs.size();
            if (window != null) {
                pairs = 0;
                for (EntitySpan m : mods) {
                    for (EntitySpan a : ancs) {
                        pairs += window.contains(m.firstToken(), a.firstToken(), ex.lineIndex()) ? 1 : 0;
                    }
                }
            }
            long related = 0;
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (RelationPair r : ex.relations()) {
                boolean inside = window == null || window.contains(ex.entities().get(r.modifier()).firstToken(),
                        ex.entities().get(r.anchor()).firstToken(), ex.lineIndex());
                if (inside && seen.add(((long) r.modifier() << 32) | r.anchor())) {
                    counts[r.relationType() + 1]++;
                    related++;
                }
            }
            counts[0] += pairs - related;
        }
        return counts;
    }

    private static double meanLoss(JnrfNetwork network, List<TrainingExample> examples, LossOptions options,
                                   Scratch scratch) {
        LossOptions plain = new LossOptions(options.relationClassWeights(), false, options.relationLossWeight(),
                options.pairWindow(), options.tagWeights(), null);
        double sum = 0;
        for (TrainingExample ex : examples) {
            sum += network.loss(ex, plain, scratch).total();
        }
        return sum / examples.size();
    }

    /** The encoder's window margin: the setting, or the margin of new models ({@code EncoderWindows}). */
    private int windowMargin(BertShape shape) {
        return config.encoderWindowMargin() != null ? config.encoderWindowMargin()
                : org.jnrf.network.transformer.EncoderWindows.newModelsMargin(shape.maxPositions() - 2);
    }
}
