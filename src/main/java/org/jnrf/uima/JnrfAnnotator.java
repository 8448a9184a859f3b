package org.jnrf.uima;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ExternalResource;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.ExternalResourceFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ExternalResourceDescription;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.corpus.FailureReasons;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.CasSentences;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.ctakes.CtakesTypeWriter;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.NoteTooLongException;
import org.jnrf.model.PredictionOptions;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityRelation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds medication entities and their relations with a JNRF model and adds them to the CAS as {@link Entity} and
 * {@link EntityRelation} (optionally also as cTAKES types). Needs no prior annotation: the model tokenizes the
 * document itself. Existing annotations are left alone.
 *
 * <p>The model comes from the shared resource bound to {@link #KEY_MODEL} when there is one (one copy for a whole
 * aggregate or CPE), otherwise from {@link #PARAM_MODEL_LOCATION}, loaded once per JVM and location.
 *
 * <p>A document whose analysis fails gets a {@code DocumentError} and no predictions; the pipeline goes on.
 */
@ResourceMetaData(name = "JNRF medication entity and relation annotator")
@TypeCapability(outputs = {"org.jnrf.type.Entity", "org.jnrf.type.EntityFragment", "org.jnrf.type.EntityRelation",
        "org.jnrf.type.DocumentError"})
public class JnrfAnnotator extends JCasAnnotator_ImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(JnrfAnnotator.class);
    private static final String COMPONENT = "JnrfAnnotator";

    /** Optional shared model resource ({@link JnrfModelResource}); wins over {@link #PARAM_MODEL_LOCATION}. */
    public static final String KEY_MODEL = "model";
    @ExternalResource(key = KEY_MODEL, mandatory = false,
            description = "Optional shared model resource (JnrfModelResource); wins over modelLocation")
    private JnrfModelResource modelResource;

    /**
     * Model zip: a file path, {@code classpath:...} or a {@code file:}/{@code jar:} URL of a local file (anything
     * else is refused, see {@link ModelLocation}). Default: the shipped model.
     */
    public static final String PARAM_MODEL_LOCATION = "modelLocation";
    @ConfigurationParameter(name = PARAM_MODEL_LOCATION, mandatory = true, defaultValue = ModelLocation.DEFAULT,
            description = "Model zip: a file path, classpath:... or a file:/jar: URL of a local file; default: the"
                    + " shipped model")
    private String modelLocation;

    /**
     * Minimum confidence of an entity, between 0 and 1 (a number, or a decimal string); absent: the model's default.
     * Not a declared {@code @ConfigurationParameter}: a cTAKES piper file passes {@code 1} as an Integer but
     * {@code 0.5} as a String, and UIMA accepts only values of a parameter's declared class, so this parameter is
     * declared by the value it is given (uimaFIT declares an undeclared parameter with its value's type) and read
     * from the context.
     */
    public static final String PARAM_ENTITY_THRESHOLD = "entityThreshold";

    /** Minimum confidence of a relation, as {@link #PARAM_ENTITY_THRESHOLD}; absent: the model's (tuned on dev). */
    public static final String PARAM_RELATION_THRESHOLD = "relationThreshold";

    /**
     * For an ensemble model, how many of its networks to use (the first K; fewer is faster and usually a little less
     * accurate); absent: all. The relation threshold is then the one tuned for those networks.
     */
    public static final String PARAM_ENSEMBLE_MEMBERS = "ensembleMembers";
    @ConfigurationParameter(name = PARAM_ENSEMBLE_MEMBERS, mandatory = false,
            description = "For an ensemble model, how many of its networks to use (the first K); absent: all")
    private Integer ensembleMembers;

    /**
     * Longest note analysed, in word pieces (the model's tokens); a longer one gets a {@code DocumentError} naming
     * its length instead of predictions, so that one huge note cannot exhaust the memory of a batch. Working memory
     * grows with the length (figures, and the peak at the default, in docs/network.md, "Memory per note").
     */
    public static final String PARAM_MAX_WORD_PIECES = "maxWordPieces";
    /** Default of {@link #PARAM_MAX_WORD_PIECES}. */
    public static final int DEFAULT_MAX_WORD_PIECES = 50_000;
    @ConfigurationParameter(name = PARAM_MAX_WORD_PIECES, mandatory = true,
            defaultValue = "" + DEFAULT_MAX_WORD_PIECES,
            description = "A note longer than this many word pieces is not analysed but gets a DocumentError")
    private int maxWordPieces;

    /** Also add cTAKES MedicationMention, modifiers, SignSymptomMention, ... and BinaryTextRelation. */
    public static final String PARAM_WRITE_CTAKES_TYPES = "writeCtakesTypes";
    @ConfigurationParameter(name = PARAM_WRITE_CTAKES_TYPES, mandatory = true, defaultValue = "false",
            description = "Also add cTAKES MedicationMention, modifiers, SignSymptomMention, ... and"
                    + " BinaryTextRelation")
    private boolean writeCtakesTypes;

    /**
     * Take sentence boundaries from the sentence annotations already in the CAS (DKPro Core's or cTAKES'
     * {@code Sentence}, from a segmenter earlier in the pipeline): each sentence begin counts as a line break in the
     * model's relation feature, in place of the model's own rule for sentence ends inside a line. A CAS without such
     * annotations is analysed as without this parameter. Default: off.
     */
    public static final String PARAM_USE_SENTENCE_ANNOTATIONS = "useSentenceAnnotations";
    @ConfigurationParameter(name = PARAM_USE_SENTENCE_ANNOTATIONS, mandatory = true, defaultValue = "false",
            description = "Take sentence boundaries from the DKPro Core or cTAKES Sentence annotations in the CAS")
    private boolean useSentenceAnnotations;

    private JnrfModel model;
    private PredictionOptions options;
    private CtakesTypeWriter ctakesWriter;

    /** A description that loads the model from {@code modelLocation} (null: the shipped default model). */
    public static AnalysisEngineDescription description(String modelLocation, boolean writeCtakesTypes)
            throws ResourceInitializationException {
        ModelLocation location;
        try {
            location = new ModelLocation(modelLocation);
        } catch (IllegalArgumentException e) { // not local: refused before any pipeline could open it
            throw new ResourceInitializationException(e);
        }
        return AnalysisEngineFactory.createEngineDescription(JnrfAnnotator.class,
                PARAM_MODEL_LOCATION, location.location(), PARAM_WRITE_CTAKES_TYPES, writeCtakesTypes);
    }

    /** A description bound to a shared model resource, as used in aggregates and CPEs. */
    public static AnalysisEngineDescription description(ExternalResourceDescription model, boolean writeCtakesTypes)
            throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(JnrfAnnotator.class,
                KEY_MODEL, model, PARAM_WRITE_CTAKES_TYPES, writeCtakesTypes);
    }

    /** A shared model resource loading the given model zip. */
    public static ExternalResourceDescription modelResource(Path modelZip) {
        return modelResource(ModelLocation.of(modelZip.toAbsolutePath()).location());
    }

    /**
     * A shared model resource loading the model at {@code modelLocation} (as {@link #PARAM_MODEL_LOCATION}; null:
     * the shipped default model).
     *
     * @throws IllegalArgumentException for a location that is not local (see {@link ModelLocation})
     */
    public static ExternalResourceDescription modelResource(String modelLocation) {
        return ExternalResourceFactory.createResourceDescription(JnrfModelResource.class,
                JnrfModelResource.PARAM_MODEL_LOCATION, new ModelLocation(modelLocation).location());
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        if (maxWordPieces < 1) {
            throw new ResourceInitializationException(new IllegalArgumentException("parameter "
                    + PARAM_MAX_WORD_PIECES + ": " + maxWordPieces + " is not a number of word pieces (at least 1)"));
        }
        try {
            model = modelResource != null ? modelResource.getModel()
                    : LoadedModels.get(new ModelLocation(modelLocation));
        } catch (IOException | IllegalArgumentException e) {
            throw new ResourceInitializationException(e);
        }
        model = firstMembers(model, ensembleMembers);
        PredictionOptions defaults = model.defaultOptions();
        options = new PredictionOptions(
                threshold(context, PARAM_ENTITY_THRESHOLD, defaults.entityThreshold()),
                threshold(context, PARAM_RELATION_THRESHOLD, defaults.relationThreshold()));
        ctakesWriter = writeCtakesTypes ? new CtakesTypeWriter() : null;
    }

    static JnrfModel firstMembers(JnrfModel model, Integer count) throws ResourceInitializationException {
        if (count == null) {
            return model;
        }
        try {
            return model.firstMembers(count);
        } catch (IllegalArgumentException e) {
            throw new ResourceInitializationException(new IllegalArgumentException("parameter "
                    + PARAM_ENSEMBLE_MEMBERS + ": '" + count + "' is not a number of networks between 1 and "
                    + model.memberCount()));
        }
    }

    /** A threshold parameter given as a number (piper's 0 or 1, a Java Double) or a decimal string ("0.5"). */
    static double threshold(UimaContext context, String name, double fallback)
            throws ResourceInitializationException {
        Object value = context.getConfigParameterValue(name);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            double threshold = value instanceof Number number ? number.doubleValue()
                    : Double.parseDouble(value.toString().trim());
            if (threshold < 0 || threshold > 1 || Double.isNaN(threshold)) {
                throw new NumberFormatException("outside [0, 1]");
            }
            return threshold;
        } catch (NumberFormatException e) {
            throw new ResourceInitializationException(new IllegalArgumentException(
                    "parameter " + name + ": '" + value + "' is not a probability between 0 and 1"));
        }
    }

    @Override
    public void process(JCas jcas) {
        String text = jcas.getDocumentText();
        if (text == null || text.isEmpty()) {
            return; // nothing to analyse; a reader that could not read the note has already reported it
        }
        String documentId = SourceDocuments.describe(jcas);
        try {
            int[] sentenceBegins = useSentenceAnnotations ? CasSentences.begins(jcas.getCas()) : new int[0];
            AnnotatedDocument predicted = model.predict(documentId, text, options,
                    sentenceBegins.length == 0 ? null : sentenceBegins, maxWordPieces);
            CasAnnotations.Added added = CasAnnotations.addAnnotations(jcas, predicted.entities(),
                    predicted.relations());
            if (ctakesWriter != null) {
                ctakesWriter.write(jcas, added.entities().values(), added.relations());
            }
        } catch (NoteTooLongException e) {
            report(jcas, documentId, "note too long: " + e.getMessage() + " (parameter " + PARAM_MAX_WORD_PIECES
                    + ", annotate --max-word-pieces)");
        } catch (RuntimeException e) {
            // One broken note must not stop a batch: record it for the error report and go on.
            // exception types only: a message of the tokenizer or a kernel could quote the note
            report(jcas, documentId, "analysis failed (" + FailureReasons.of(e) + ")");
        }
    }

    private static void report(JCas jcas, String documentId, String message) {
        DocumentErrors.add(jcas, COMPONENT, message);
        LOG.warn("document {}: {}", documentId, message);
    }
}
