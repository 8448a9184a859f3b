package org.jnrf.uima;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.OperationalProperties;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.eval.RelationThresholdTuning;
import org.jnrf.model.EncoderDirectory;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.StartingEncoder;
import org.jnrf.text.EmbeddingDirectory;
import org.jnrf.text.Vocabulary;
import org.jnrf.training.Trainer;
import org.jnrf.training.TrainingConfig;
import org.jnrf.training.TrainingSettings;
import org.jnrf.type.DocumentError;
import org.jnrf.corpus.AnnotatedCorpus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training engine: collects the gold entities and relations of every CAS it sees (from the BRAT or XMI reader,
 * or any reader that fills our types), and when the collection is complete trains a JNRF model and writes its zip.
 * Each epoch is scored on the dev documents with the n2c2 scorer (lenient relation micro F1 selects the model,
 * patience stops early), and the relation decision threshold stored in the model is tuned on them. Checkpoints
 * are written atomically next to the model and a rerun resumes from them.
 * Documents carrying a {@code DocumentError} are left out and named in the log with their first problem; put an
 * {@code ErrorReportWriter} before this engine to list them all in {@code errors.tsv}, as {@code jnrf train} does.
 */
@ResourceMetaData(name = "JNRF training engine")
@TypeCapability(inputs = {"org.jnrf.type.Entity", "org.jnrf.type.EntityRelation", "org.jnrf.type.SourceDocument"})
@OperationalProperties(multipleDeploymentAllowed = false)
public class JnrfTrainer extends JCasAnnotator_ImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(JnrfTrainer.class);

    /** Where the trained model zip is written. */
    public static final String PARAM_MODEL_FILE = "modelFile";
    @ConfigurationParameter(name = PARAM_MODEL_FILE, description = "Output model zip")
    private String modelFile;

    /** Folder of dev documents (BRAT or XMI) for per-epoch evaluation and model selection; none: train loss. */
    public static final String PARAM_DEV_LOCATION = "devLocation";
    @ConfigurationParameter(name = PARAM_DEV_LOCATION, mandatory = false, description = "Dev corpus folder")
    private String devLocation;

    /** Checkpoint file; default: the model file name + ".checkpoint". A run finding one resumes from it. */
    public static final String PARAM_CHECKPOINT_FILE = "checkpointFile";
    @ConfigurationParameter(name = PARAM_CHECKPOINT_FILE, mandatory = false,
            description = "Checkpoint file; default: the model file name + .checkpoint; a run finding one resumes")
    private String checkpointFile;

    /**
     * Hyper-parameters as {@code name=value} pairs, e.g. {@code hidden=256}, {@code learningRate=0.001} (strings,
     * since cTAKES piper files cannot pass floats); see {@link TrainingSettings} for the names.
     */
    public static final String PARAM_SETTINGS = "settings";
    @ConfigurationParameter(name = PARAM_SETTINGS, mandatory = false, defaultValue = {},
            description = "Hyper-parameters as name=value pairs, e.g. hidden=256, learningRate=0.001")
    private String[] settings;

    /** Folder with {@code vocab.txt} + {@code embeddings.f32} of pretrained subword embeddings (optional). */
    public static final String PARAM_EMBEDDINGS_LOCATION = "embeddingsLocation";
    @ConfigurationParameter(name = PARAM_EMBEDDINGS_LOCATION, mandatory = false,
            description = "Folder with vocab.txt + embeddings.f32 of pretrained subword embeddings")
    private String embeddingsLocation;

    /**
     * Folder of a pretrained contextual encoder (written by {@code jnrf import-encoder}; optional): the encoder's
     * weights start the network's encoder ({@code encoder=pretrained}) and its tokenizer becomes the model's.
     */
    public static final String PARAM_ENCODER_LOCATION = "encoderLocation";
    @ConfigurationParameter(name = PARAM_ENCODER_LOCATION, mandatory = false,
            description = "Folder of a pretrained contextual encoder written by jnrf import-encoder")
    private String encoderLocation;

    /**
     * A trained model with a contextual encoder (a file, {@code classpath:...} or {@code jar:file:...!/entry}, as the
     * annotator's model location; optional): its fine-tuned encoder and tokenizer start the network's encoder, as an
     * encoder folder would, so that training on another corpus or schema starts from what that model learned (the
     * shipped PHEE model: drug and adverse-event mentions). Its heads are not taken.
     */
    public static final String PARAM_ENCODER_MODEL_LOCATION = "encoderModelLocation";
    @ConfigurationParameter(name = PARAM_ENCODER_MODEL_LOCATION, mandatory = false,
            description = "A trained model whose fine-tuned contextual encoder and tokenizer start the network's")
    private String encoderModelLocation;

    /**
     * Train at most this many epochs in this run (-1: to the end), then write the best model so far and keep the
     * checkpoint, so a later run with the same settings goes on from there: training in time-boxed sessions.
     */
    public static final String PARAM_EPOCHS_THIS_RUN = "epochsThisRun";
    @ConfigurationParameter(name = PARAM_EPOCHS_THIS_RUN, defaultValue = "-1",
            description = "Train at most this many epochs in this run (-1: to the end), keeping the checkpoint")
    private int epochsThisRun;

    /** Show a progress bar on stderr (the command line does). */
    public static final String PARAM_SHOW_PROGRESS = "showProgress";
    @ConfigurationParameter(name = PARAM_SHOW_PROGRESS, defaultValue = "false",
            description = "Show a progress bar on stderr")
    private boolean showProgress;

    private final List<AnnotatedDocument> documents = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private TrainingConfig config;

    public static AnalysisEngineDescription description(Path modelFile, Path devFolder, String... settings)
            throws ResourceInitializationException {
        List<Object> parameters = new ArrayList<>(List.of(PARAM_MODEL_FILE, modelFile.toString(),
                PARAM_SETTINGS, settings));
        if (devFolder != null) {
            parameters.addAll(List.of(PARAM_DEV_LOCATION, devFolder.toString()));
        }
        return AnalysisEngineFactory.createEngineDescription(JnrfTrainer.class, parameters.toArray());
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        try {
            List<String> all = new ArrayList<>();
            if (given(encoderLocation) && given(encoderModelLocation)) {
                throw new IllegalArgumentException(PARAM_ENCODER_LOCATION + " and " + PARAM_ENCODER_MODEL_LOCATION
                        + " exclude each other: the network has one encoder to start from");
            }
            if ((given(encoderLocation) || given(encoderModelLocation)) && given(embeddingsLocation)) {
                throw new IllegalArgumentException("an encoder and " + PARAM_EMBEDDINGS_LOCATION
                        + " exclude each other: the encoder has its own word table");
            }
            if (given(encoderLocation) || given(encoderModelLocation)) {
                // first, so that the settings are read as those of a network with an encoder (layers=0 allowed)
                all.add("encoder=" + TrainingConfig.PRETRAINED_ENCODER);
                // all of the encoder's layers (import-encoder --layers chose them) unless the settings say otherwise
                all.add("encoderLayers=0");
            }
            all.addAll(List.of(settings));
            config = TrainingSettings.apply(TrainingSettings.productDefaults(), all);
        } catch (IllegalArgumentException e) {
            throw new ResourceInitializationException(e);
        }
    }

    @Override
    public void process(JCas jcas) {
        String id = SourceDocuments.describe(jcas);
        if (DocumentErrors.hasAny(jcas)) {
            skipped.add(id);
            List<DocumentError> problems = DocumentErrors.list(jcas);
            LOG.warn("document {}: left out of training: {}{}", id, problems.get(0).getMessage(),
                    problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem(s))" : "");
            return;
        }
        AnnotatedDocument doc = CasAnnotations.read(jcas);
        documents.add(new AnnotatedDocument(id, doc.text(), doc.entities(), doc.relations()));
    }

    @Override
    public void collectionProcessComplete() throws AnalysisEngineProcessException {
        try {
            List<AnnotatedDocument> dev = devLocation == null || devLocation.isBlank() ? List.of()
                    : AnnotatedCorpus.read(Path.of(devLocation));
            Path model = Path.of(modelFile);
            Path checkpoint = checkpointFile == null || checkpointFile.isBlank()
                    ? model.resolveSibling(model.getFileName() + ".checkpoint") : Path.of(checkpointFile);
            LOG.info("training on {} documents ({} skipped), {} dev documents; checkpoint {}", documents.size(),
                    skipped.size(), dev.size(), checkpoint);
            StartingEncoder encoder = startingEncoder();
            TrainingConfig runConfig = encoder == null ? config : config.toBuilder()
                    .encoder(TrainingConfig.PRETRAINED_ENCODER)
                    .lowerCase(encoder.lowerCase())
                    .stripAccents(encoder.stripAccents()).build();
            Trainer trainer = new Trainer(runConfig).checkpoint(checkpoint);
            if (encoder != null) {
                LOG.info("contextual encoder {} ({} layers, width {})", encoder.name(), encoder.shape().layers(),
                        encoder.shape().width());
                trainer.pretrainedEncoder(encoder.shape(), encoder.weights(), encoder.vocabulary(),
                        encoder.licence());
            }
            if (epochsThisRun >= 0) {
                trainer.stopAfterEpochs(epochsThisRun);
            }
            if (embeddingsLocation != null && !embeddingsLocation.isBlank()) {
                Path folder = Path.of(embeddingsLocation);
                Vocabulary vocabulary = EmbeddingDirectory.vocabulary(folder);
                trainer.vocabulary(vocabulary).pretrainedEmbeddings(
                        EmbeddingDirectory.embeddings(folder).alignTo(vocabulary, config.seed()), true);
            }
            try (EpochReporter reporter = new EpochReporter(dev, config.epochs(), showProgress)) {
                JnrfModel trained = trainer.train(documents, DevDocuments.restrictToTrainingTypes(dev, documents),
                        reporter);
                if (!dev.isEmpty()) {
                    RelationThresholdTuning.Result tuned = RelationThresholdTuning.tune(trained, dev);
                    LOG.info("relation threshold tuned on dev: {} (lenient relation micro F1 {}; {} at 0.5)",
                            tuned.threshold(), String.format("%.4f", tuned.lenientRelationMicroF1()),
                            String.format("%.4f", tuned.atDefault()));
                    trained = trained.withRelationThreshold(tuned.threshold());
                }
                Files.createDirectories(model.toAbsolutePath().getParent());
                trained.save(model);
                LOG.info("model written to {} (best epoch {}, score {})", model, reporter.bestEpoch(),
                        String.format("%.4f", reporter.bestScore()));
            }
            if (epochsThisRun < 0) {
                Files.deleteIfExists(checkpoint); // finished: a rerun starts afresh
            }
        } catch (IOException | RuntimeException e) {
            throw new AnalysisEngineProcessException(e);
        }
    }

    private StartingEncoder startingEncoder() throws IOException {
        if (given(encoderLocation)) {
            return StartingEncoder.of(EncoderDirectory.read(Path.of(encoderLocation)));
        }
        if (given(encoderModelLocation)) {
            ModelLocation location = new ModelLocation(encoderModelLocation);
            return StartingEncoder.fromModel(location.load(), location.toString());
        }
        return null;
    }

    private static boolean given(String location) {
        return location != null && !location.isBlank();
    }

    /** Documents collected so far (for tests and callers that inspect the training set). */
    List<AnnotatedDocument> documents() {
        return List.copyOf(documents);
    }
}
