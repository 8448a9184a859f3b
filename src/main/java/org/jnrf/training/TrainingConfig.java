package org.jnrf.training;

/**
 * Hyper-parameters of a training run. {@link #defaults()} is the reference configuration (hidden 768, 6 tied layers,
 * FF x3, Adam 3e-4); change single values with the {@code with...} methods or the builder.
 *
 * @param hidden                 model width
 * @param layers                 FNet applications
 * @param expansion              feed-forward width factor
 * @param tied                   one FNet block applied {@code layers} times (paper) or untied blocks
 * @param embeddingDim           token embedding width (the pretrained vectors' width when they are used)
 * @param relationDim            per-class width of the bilinear relation scorer
 * @param distanceScale          token distance that the relation distance feature maps to 1
 * @param epochs                 maximum epochs
 * @param learningRate           peak Adam learning rate
 * @param schedule               decay after warm-up
 * @param warmupFraction         fraction of all steps spent warming up linearly
 * @param finalLearningRateFraction  learning rate at the last step, as a fraction of the peak
 * @param clipNorm               global gradient norm limit (0 = no clipping)
 * @param seed                   initialisation and shuffling seed
 * @param relationClassWeighting class weights of the relation loss
 * @param relationLossWeight     weight of the relation loss against the tagging loss
 * @param addPredictedSpans      also train the relation head on predicted entities that match no gold entity
 * @param patience               stop after this many epochs without a better score (0 = never stop early)
 * @param vocabularySize         maximum WordPiece vocabulary size built from the training texts
 * @param minPieceFrequency      minimum frequency of a word or piece in the vocabulary
 * @param lowerCase              tokenizer lower-cases
 * @param stripAccents           tokenizer strips accents
 * @param anchorType             entity type all relations point to; null = the most frequent Arg2 type in training
 * @param contextWindow          neighbouring tokens on each side whose embeddings join a token's input (0: none)
 * @param pairFeatures           relation scores see the anchor's rank among the modifier's anchors
 * @param tokenDropout           probability that a training token is replaced by [UNK] in a step (0: never)
 * @param weightAverageDecay     decay of an exponential moving average of the weights, updated after every step;
 *                               epochs are scored and the model is saved with the averaged weights (0: no average)
 * @param sentenceBreaks         the line feature of relation pairs also counts sentence ends inside a line
 * @param sentenceRule           the rule that finds those sentence ends ({@code TokenLines}: 1 the first, 2 also
 *                               headings, list items, table rows and wrapped lines)
 * @param pairWindowCoverage     share of the training relations the learned window of candidate pairs must cover
 *                               ({@link PairWindows}; 0: no window, every pair is a candidate)
 * @param pairWindowMargin       the learned window's distances are widened by this fraction
 * @param stepTokens             documents longer than this many word pieces give one optimizer step per span of
 *                               this length, each with the loss over its span while the network reads the whole
 *                               document (0: one step per document)
 * @param entityTypeWeighting    weights of the entity types' tags in the tagging loss, from their mention counts
 * @param relationTypingShare    a modifier type whose training relations have one relation type at least this share
 *                               of the time is allowed only that type ({@link RelationTyping}; 0: never)
 * @param documentsPerStep       documents whose gradients are summed before one optimizer step (their mean is
 *                               clipped and applied); 1: a step per document, as the paper. 0 reads as 1 (a
 *                               configuration written before this setting)
 * @param encoderWindowMargin    on documents longer than an encoder window, the context in pieces every piece keeps
 *                               on its poorer side at least ({@code EncoderWindows}); null (the default): 32, or an
 *                               eighth of a window where that is less (small test encoders)
 * @param documentPartChars      training documents longer than this many characters are cut at blank lines into
 *                               parts of about this length, never inside an entity, each a training document of its
 *                               own ({@link DocumentParts}; 0: off). Dev documents stay whole
 */
public record TrainingConfig(int hidden, int layers, int expansion, boolean tied, int embeddingDim, int relationDim,
                             int distanceScale, int epochs, double learningRate, LearningRateSchedule.Shape schedule,
                             double warmupFraction, double finalLearningRateFraction, double clipNorm, long seed,
                             RelationClassWeighting relationClassWeighting, double relationLossWeight,
                             boolean addPredictedSpans, int patience, int vocabularySize, int minPieceFrequency,
                             boolean lowerCase, boolean stripAccents, String anchorType, int contextWindow,
                             boolean pairFeatures, double tokenDropout, double weightAverageDecay,
                             boolean sentenceBreaks, int sentenceRule, double pairWindowCoverage,
                             double pairWindowMargin, int stepTokens, EntityTypeWeighting entityTypeWeighting,
                             double relationTypingShare, String encoder, int encoderLayers, int encoderWidth,
                             int encoderHeads, int encoderIntermediate, int encoderPositions,
                             int encoderTrainableLayers, double encoderLearningRate, int documentsPerStep,
                             Integer encoderWindowMargin, int documentPartChars) {
    /** {@link #encoder} values. */
    public static final String NO_ENCODER = "none";
    public static final String RANDOM_ENCODER = "random";
    public static final String PRETRAINED_ENCODER = "pretrained";

    public TrainingConfig {
        if (documentsPerStep == 0) {
            documentsPerStep = 1;
        }
        if (documentsPerStep < 0) {
            throw new IllegalArgumentException("documentsPerStep must be positive, got " + documentsPerStep);
        }
        if (encoder == null || encoder.equals(NO_ENCODER)) {
            encoder = null;
        } else if (!encoder.equals(RANDOM_ENCODER) && !encoder.equals(PRETRAINED_ENCODER)) {
            throw new IllegalArgumentException("encoder must be none, random or pretrained, got " + encoder);
        } else {
            if (!(encoderLearningRate > 0)) {
                throw new IllegalArgumentException("encoderLearningRate must be positive, got " + encoderLearningRate);
            }
            if (encoderLayers < 0 || encoderTrainableLayers < -1) {
                throw new IllegalArgumentException("encoderLayers must not be negative, encoderTrainableLayers at"
                        + " least -1");
            }
            if (encoder.equals(RANDOM_ENCODER)) {
                // the shape's own checks (positive sizes, heads dividing the width)
                new org.jnrf.network.transformer.BertShape(1, encoderPositions, 2, encoderWidth, encoderLayers,
                        encoderHeads, encoderIntermediate, 1e-12);
            }
        }
        if (!(pairWindowCoverage >= 0 && pairWindowCoverage <= 1) || !(pairWindowMargin >= 0)) {
            throw new IllegalArgumentException("pairWindowCoverage must lie in [0, 1] and pairWindowMargin must not"
                    + " be negative");
        }
        if (!(relationTypingShare >= 0 && relationTypingShare <= 1)) {
            throw new IllegalArgumentException("relationTypingShare must lie in [0, 1], got " + relationTypingShare);
        }
        if (stepTokens < 0) {
            throw new IllegalArgumentException("stepTokens must not be negative, got " + stepTokens);
        }
        if (documentPartChars < 0) {
            throw new IllegalArgumentException("documentPartChars must not be negative, got " + documentPartChars);
        }
        if (sentenceRule < 1 || sentenceRule > org.jnrf.text.TokenLines.LATEST_RULE) {
            throw new IllegalArgumentException("sentenceRule must lie in 1 to " + org.jnrf.text.TokenLines.LATEST_RULE
                    + ", got " + sentenceRule);
        }
        if (!(weightAverageDecay >= 0 && weightAverageDecay < 1)) {
            throw new IllegalArgumentException("weightAverageDecay must lie in [0, 1), got " + weightAverageDecay);
        }
        if (!(tokenDropout >= 0 && tokenDropout < 1)) {
            throw new IllegalArgumentException("tokenDropout must lie in [0, 1), got " + tokenDropout);
        }
        if (contextWindow < 0) {
            throw new IllegalArgumentException("contextWindow must not be negative, got " + contextWindow);
        }
        if (hidden < 1 || layers < (encoder == null ? 1 : 0) || expansion < 1 || embeddingDim < 1 || relationDim < 1 || distanceScale < 1) {
            throw new IllegalArgumentException("network sizes must be positive");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (warmupFraction < 0 || warmupFraction >= 1 || finalLearningRateFraction < 0 || finalLearningRateFraction > 1) {
            throw new IllegalArgumentException("warmupFraction must lie in [0, 1), finalLearningRateFraction in [0, 1]");
        }
        if (clipNorm < 0 || patience < 0 || relationLossWeight < 0) {
            throw new IllegalArgumentException("clipNorm, patience and relationLossWeight must not be negative");
        }
        if (vocabularySize < 10 || minPieceFrequency < 1) {
            throw new IllegalArgumentException("vocabularySize must be at least 10 and minPieceFrequency positive");
        }
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(768, 6, 3, true, 768, 768, 64, 30, 3e-4, LearningRateSchedule.Shape.LINEAR, 0.05,
                0.0, 1.0, 42, RelationClassWeighting.SQRT_INVERSE_FREQUENCY, 1.0, true, 5, 16000, 2, true, false,
                null, 0, false, 0.0, 0.0, false, org.jnrf.text.TokenLines.LATEST_RULE, 0.995, 0.25, 0,
                EntityTypeWeighting.NONE, 0.99, null, 2, 256, 4, 1024, 512, -1, 5e-5, 1, null, 0);
    }

    /** Whether a contextual encoder reads the tokens. */
    public boolean hasEncoder() {
        return encoder != null;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder(defaults());
    }

    /** Mutable copy of a configuration for changing a few values. */
    public static final class Builder {
        private int hidden, layers, expansion, embeddingDim, relationDim, distanceScale, epochs, patience,
                vocabularySize, minPieceFrequency, contextWindow, sentenceRule, stepTokens, encoderLayers, encoderWidth, encoderHeads,
                encoderIntermediate, encoderPositions, encoderTrainableLayers;
        private double encoderLearningRate;
        private int documentsPerStep;
        private Integer encoderWindowMargin;
        private int documentPartChars;
        private String encoder;
        private boolean tied, addPredictedSpans, lowerCase, stripAccents, pairFeatures, sentenceBreaks;
        private double learningRate, warmupFraction, finalLearningRateFraction, clipNorm, relationLossWeight,
                tokenDropout, weightAverageDecay, pairWindowCoverage, pairWindowMargin, relationTypingShare;
        private EntityTypeWeighting entityTypeWeighting;
        private LearningRateSchedule.Shape schedule;
        private long seed;
        private RelationClassWeighting relationClassWeighting;
        private String anchorType;

        private Builder(TrainingConfig c) {
            hidden = c.hidden;
            layers = c.layers;
            expansion = c.expansion;
            tied = c.tied;
            embeddingDim = c.embeddingDim;
            relationDim = c.relationDim;
            distanceScale = c.distanceScale;
            epochs = c.epochs;
            learningRate = c.learningRate;
            schedule = c.schedule;
            warmupFraction = c.warmupFraction;
            finalLearningRateFraction = c.finalLearningRateFraction;
            clipNorm = c.clipNorm;
            seed = c.seed;
            relationClassWeighting = c.relationClassWeighting;
            relationLossWeight = c.relationLossWeight;
            addPredictedSpans = c.addPredictedSpans;
            patience = c.patience;
            vocabularySize = c.vocabularySize;
            minPieceFrequency = c.minPieceFrequency;
            lowerCase = c.lowerCase;
            stripAccents = c.stripAccents;
            anchorType = c.anchorType;
            contextWindow = c.contextWindow;
            pairFeatures = c.pairFeatures;
            tokenDropout = c.tokenDropout;
            weightAverageDecay = c.weightAverageDecay;
            sentenceBreaks = c.sentenceBreaks;
            sentenceRule = c.sentenceRule;
            pairWindowCoverage = c.pairWindowCoverage;
            pairWindowMargin = c.pairWindowMargin;
            stepTokens = c.stepTokens;
            entityTypeWeighting = c.entityTypeWeighting;
            relationTypingShare = c.relationTypingShare;
            encoder = c.encoder;
            encoderLayers = c.encoderLayers;
            encoderWidth = c.encoderWidth;
            encoderHeads = c.encoderHeads;
            encoderIntermediate = c.encoderIntermediate;
            encoderPositions = c.encoderPositions;
            encoderTrainableLayers = c.encoderTrainableLayers;
            encoderLearningRate = c.encoderLearningRate;
            documentsPerStep = c.documentsPerStep;
            encoderWindowMargin = c.encoderWindowMargin;
            documentPartChars = c.documentPartChars;
        }

        /** Sets hidden, embedding and relation widths together. */
        public Builder width(int width) {
            this.hidden = width;
            this.embeddingDim = width;
            this.relationDim = width;
            return this;
        }

        public Builder hidden(int v) { hidden = v; return this; }
        public Builder layers(int v) { layers = v; return this; }
        public Builder expansion(int v) { expansion = v; return this; }
        public Builder tied(boolean v) { tied = v; return this; }
        public Builder embeddingDim(int v) { embeddingDim = v; return this; }
        public Builder relationDim(int v) { relationDim = v; return this; }
        public Builder distanceScale(int v) { distanceScale = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder schedule(LearningRateSchedule.Shape v) { schedule = v; return this; }
        public Builder warmupFraction(double v) { warmupFraction = v; return this; }
        public Builder finalLearningRateFraction(double v) { finalLearningRateFraction = v; return this; }
        public Builder clipNorm(double v) { clipNorm = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder relationClassWeighting(RelationClassWeighting v) { relationClassWeighting = v; return this; }
        public Builder relationLossWeight(double v) { relationLossWeight = v; return this; }
        public Builder addPredictedSpans(boolean v) { addPredictedSpans = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder vocabularySize(int v) { vocabularySize = v; return this; }
        public Builder minPieceFrequency(int v) { minPieceFrequency = v; return this; }
        public Builder lowerCase(boolean v) { lowerCase = v; return this; }
        public Builder stripAccents(boolean v) { stripAccents = v; return this; }
        public Builder anchorType(String v) { anchorType = v; return this; }
        public Builder contextWindow(int v) { contextWindow = v; return this; }
        public Builder pairFeatures(boolean v) { pairFeatures = v; return this; }
        public Builder tokenDropout(double v) { tokenDropout = v; return this; }
        public Builder weightAverageDecay(double v) { weightAverageDecay = v; return this; }
        public Builder sentenceBreaks(boolean v) { sentenceBreaks = v; return this; }
        public Builder sentenceRule(int v) { sentenceRule = v; return this; }
        public Builder pairWindowCoverage(double v) { pairWindowCoverage = v; return this; }
        public Builder pairWindowMargin(double v) { pairWindowMargin = v; return this; }
        public Builder stepTokens(int v) { stepTokens = v; return this; }
        public Builder entityTypeWeighting(EntityTypeWeighting v) { entityTypeWeighting = v; return this; }
        public Builder relationTypingShare(double v) { relationTypingShare = v; return this; }
        public Builder encoder(String v) { encoder = v; return this; }
        public Builder encoderLayers(int v) { encoderLayers = v; return this; }
        public Builder encoderWidth(int v) { encoderWidth = v; return this; }
        public Builder encoderHeads(int v) { encoderHeads = v; return this; }
        public Builder encoderIntermediate(int v) { encoderIntermediate = v; return this; }
        public Builder encoderPositions(int v) { encoderPositions = v; return this; }
        public Builder encoderTrainableLayers(int v) { encoderTrainableLayers = v; return this; }
        public Builder encoderLearningRate(double v) { encoderLearningRate = v; return this; }
        public Builder documentsPerStep(int v) { documentsPerStep = v; return this; }
        public Builder encoderWindowMargin(int v) { encoderWindowMargin = v; return this; }
        public Builder documentPartChars(int v) { documentPartChars = v; return this; }

        public TrainingConfig build() {
            return new TrainingConfig(hidden, layers, expansion, tied, embeddingDim, relationDim, distanceScale, epochs,
                    learningRate, schedule, warmupFraction, finalLearningRateFraction, clipNorm, seed,
                    relationClassWeighting, relationLossWeight, addPredictedSpans, patience, vocabularySize,
                    minPieceFrequency, lowerCase, stripAccents, anchorType, contextWindow,
                    pairFeatures, tokenDropout, weightAverageDecay, sentenceBreaks, sentenceRule, pairWindowCoverage,
                    pairWindowMargin, stepTokens, entityTypeWeighting, relationTypingShare, encoder, encoderLayers,
                    encoderWidth, encoderHeads, encoderIntermediate, encoderPositions, encoderTrainableLayers,
                    encoderLearningRate, documentsPerStep, encoderWindowMargin, documentPartChars);
        }
    }
}
