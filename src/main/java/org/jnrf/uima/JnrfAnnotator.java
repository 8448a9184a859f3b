package org.jnrf.uima;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import org.jnrf.cas.CasAnnotations;
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
    @ExternalResource(key = KEY_MODEL, mandatory = false)
    private JnrfModelResource modelResource;

    /** Model zip: a file path, {@code classpath:...} or a {@code file:}/{@code jar:} URL. Default: the shipped model. */
    public static final String PARAM_MODEL_LOCATION = "modelLocation";
    @ConfigurationParameter(name = PARAM_MODEL_LOCATION, mandatory = true, defaultValue = ModelLocation.DEFAULT)
    private String modelLocation;

    /**
     * Minimum confidence of an entity, as a decimal string (cTAKES piper files cannot pass floats); empty: the
     * model's default.
     */
    public static final String PARAM_ENTITY_THRESHOLD = "entityThreshold";
    @ConfigurationParameter(name = PARAM_ENTITY_THRESHOLD, mandatory = false)
    private String entityThreshold;

    /** Minimum confidence of a relation, as a decimal string; empty: the model's default (tuned on dev). */
    public static final String PARAM_RELATION_THRESHOLD = "relationThreshold";
    @ConfigurationParameter(name = PARAM_RELATION_THRESHOLD, mandatory = false)
    private String relationThreshold;

    /**
     * For an ensemble model, how many of its networks to use, as a decimal string (the first K; fewer is faster and
     * usually a little less accurate); empty: all. The relation threshold is then the one tuned for those networks.
     */
    public static final String PARAM_ENSEMBLE_MEMBERS = "ensembleMembers";
    @ConfigurationParameter(name = PARAM_ENSEMBLE_MEMBERS, mandatory = false)
    private String ensembleMembers;

    /**
     * Longest note analysed, in word pieces (the model's tokens); a longer one gets a {@code DocumentError} naming
     * its length instead of predictions, so that one huge note cannot exhaust the memory of a batch. Working memory
     * grows with the length (figures, and the peak at the default, in docs/network.md, "Memory per note").
     */
    public static final String PARAM_MAX_WORD_PIECES = "maxWordPieces";
    /** Default of {@link #PARAM_MAX_WORD_PIECES}. */
    public static final int DEFAULT_MAX_WORD_PIECES = 50_000;
    @ConfigurationParameter(name = PARAM_MAX_WORD_PIECES, mandatory = true,
            defaultValue = "" + DEFAULT_MAX_WORD_PIECES)
    private int maxWordPieces;

    /** Also add cTAKES MedicationMention, modifiers, SignSymptomMention, ... and BinaryTextRelation. */
    public static final String PARAM_WRITE_CTAKES_TYPES = "writeCtakesTypes";
    @ConfigurationParameter(name = PARAM_WRITE_CTAKES_TYPES, mandatory = true, defaultValue = "false")
    private boolean writeCtakesTypes;

    private JnrfModel model;
    private PredictionOptions options;
    private CtakesTypeWriter ctakesWriter;

    /** A description that loads the model from {@code modelLocation} (null: the shipped default model). */
    public static AnalysisEngineDescription description(String modelLocation, boolean writeCtakesTypes)
            throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(JnrfAnnotator.class,
                PARAM_MODEL_LOCATION, new ModelLocation(modelLocation).location(),
                PARAM_WRITE_CTAKES_TYPES, writeCtakesTypes);
    }

    /** A description bound to a shared model resource, as used in aggregates and CPEs. */
    public static AnalysisEngineDescription description(ExternalResourceDescription model, boolean writeCtakesTypes)
            throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(JnrfAnnotator.class,
                KEY_MODEL, model, PARAM_WRITE_CTAKES_TYPES, writeCtakesTypes);
    }

    /** A shared model resource loading the given model zip. */
    public static ExternalResourceDescription modelResource(Path modelZip) {
        return ExternalResourceFactory.createSharedResourceDescription(modelZip.toUri().toString(),
                JnrfModelResource.class);
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        try {
            model = modelResource != null ? modelResource.getModel()
                    : LoadedModels.get(new ModelLocation(modelLocation));
        } catch (IOException e) {
            throw new ResourceInitializationException(e);
        }
        model = firstMembers(model, ensembleMembers);
        PredictionOptions defaults = model.defaultOptions();
        options = new PredictionOptions(
                parseThreshold(PARAM_ENTITY_THRESHOLD, entityThreshold, defaults.entityThreshold()),
                parseThreshold(PARAM_RELATION_THRESHOLD, relationThreshold, defaults.relationThreshold()));
        ctakesWriter = writeCtakesTypes ? new CtakesTypeWriter() : null;
        if (maxWordPieces < 1) {
            throw new ResourceInitializationException(new IllegalArgumentException("parameter "
                    + PARAM_MAX_WORD_PIECES + ": " + maxWordPieces + " is not a number of word pieces (at least 1)"));
        }
    }

    static JnrfModel firstMembers(JnrfModel model, String value) throws ResourceInitializationException {
        if (value == null || value.isBlank()) {
            return model;
        }
        try {
            return model.firstMembers(Integer.parseInt(value.trim()));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new ResourceInitializationException(new IllegalArgumentException("parameter "
                    + PARAM_ENSEMBLE_MEMBERS + ": '" + value + "' is not a number of networks between 1 and "
                    + model.memberCount()));
        }
    }

    static double parseThreshold(String name, String value, double fallback) throws ResourceInitializationException {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double threshold = Double.parseDouble(value.trim());
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
            AnnotatedDocument predicted = model.predict(documentId, text, options, maxWordPieces);
            Map<String, Entity> added = CasAnnotations.addAnnotations(jcas, predicted.entities(),
                    predicted.relations());
            if (ctakesWriter != null) {
                List<EntityRelation> relations = new ArrayList<>();
                for (EntityRelation relation : jcas.select(EntityRelation.class)) {
                    if (added.containsValue(relation.getArg1()) && added.containsValue(relation.getArg2())) {
                        relations.add(relation);
                    }
                }
                ctakesWriter.write(jcas, added.values(), relations);
            }
        } catch (NoteTooLongException e) {
            report(jcas, documentId, "note too long: " + e.getMessage() + " (parameter " + PARAM_MAX_WORD_PIECES
                    + ", annotate --max-word-pieces)");
        } catch (RuntimeException e) {
            // One broken note must not stop a batch: record it for the error report and go on.
            report(jcas, documentId, "analysis failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static void report(JCas jcas, String documentId, String message) {
        DocumentErrors.add(jcas, COMPONENT, message);
        LOG.warn("document {}: {}", documentId, message);
    }
}
