package org.jnrf.corpus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.DocumentName;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;

/**
 * Writes each CAS's entities and relations as {@code <target>/<relativePath>.json}, for tools outside UIMA:
 * <pre>
 * {"documentId": "123", "relativePath": "a/123", "text": "...",
 *  "entities": [{"id": "T1", "type": "Drug", "fragments": [{"begin": 0, "end": 7}], "confidence": 0.98,
 *                "text": "Aspirin"}],
 *  "relations": [{"id": "R1", "type": "ADE-Drug", "modifier": "T3", "anchor": "T1", "confidence": 0.91}],
 *  "errors": [{"component": "BratReader", "message": "..."}]}
 * </pre>
 * Offsets count Unicode code points, like BRAT and Python strings (they equal Java offsets unless the text has
 * characters outside the Basic Multilingual Plane). An entity's {@code text} is its fragments' text joined by one
 * space. The document {@code text} is written only with {@link #PARAM_INCLUDE_TEXT}, since notes are sensitive and
 * usually already stored elsewhere. A CAS with {@code DocumentError}s is written when it has text. A document whose
 * file cannot be written gets a {@code DocumentError}; the batch goes on.
 */
@ResourceMetaData(name = "JNRF JSON writer")
@TypeCapability(inputs = {"org.jnrf.type.Entity", "org.jnrf.type.EntityFragment", "org.jnrf.type.EntityRelation",
        "org.jnrf.type.SourceDocument", "org.jnrf.type.DocumentError"})
public class JsonWriter extends JnrfFileWriter_ImplBase {
    /** Whether to include the document text. */
    public static final String PARAM_INCLUDE_TEXT = CorpusParameters.PARAM_INCLUDE_TEXT;
    @ConfigurationParameter(name = PARAM_INCLUDE_TEXT, defaultValue = "false",
            description = "Include the document text in the JSON")
    private boolean includeText;

    /** Indented JSON. */
    public static final String PARAM_PRETTY_PRINT = CorpusParameters.PARAM_PRETTY_PRINT;
    @ConfigurationParameter(name = PARAM_PRETTY_PRINT, defaultValue = "false", description = "Indent the JSON")
    private boolean prettyPrint;

    public static final String JSON_EXTENSION = ".json";
    static final String COMPONENT = "JsonWriter";

    /** The JSON form of one document; {@code text} and {@code relativePath} are left out when null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"documentId", "relativePath", "text", "entities", "relations", "errors"})
    public record JsonDocument(String documentId, String relativePath, String text, List<JsonEntity> entities,
                               List<JsonRelation> relations, List<JsonError> errors) {
    }

    @JsonPropertyOrder({"id", "type", "fragments", "confidence", "text"})
    public record JsonEntity(String id, String type, List<JsonSpan> fragments, double confidence, String text) {
    }

    @JsonPropertyOrder({"begin", "end"})
    public record JsonSpan(int begin, int end) {
    }

    @JsonPropertyOrder({"id", "type", "modifier", "anchor", "confidence"})
    public record JsonRelation(String id, String type, String modifier, String anchor, double confidence) {
    }

    @JsonPropertyOrder({"component", "message"})
    public record JsonError(String component, String message) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private ObjectWriter writer;

    public JsonWriter() {
        super(COMPONENT, JSON_EXTENSION);
    }

    /** A writer of JSON files (without the document text) into {@code targetFolder}. */
    public static AnalysisEngineDescription description(Path targetFolder) throws ResourceInitializationException {
        return description(targetFolder, false);
    }

    /** A writer of JSON files into {@code targetFolder}, with the document text when {@code includeText}. */
    public static AnalysisEngineDescription description(Path targetFolder, boolean includeText)
            throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(JsonWriter.class,
                PARAM_TARGET_LOCATION, targetFolder.toString(), PARAM_INCLUDE_TEXT, includeText);
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        writer = prettyPrint ? MAPPER.writer(SerializationFeature.INDENT_OUTPUT) : MAPPER.writer();
    }

    @Override
    protected void write(JCas jcas) throws IOException {
        Path jsonFile = outputFile(jcas, JSON_EXTENSION);
        JsonDocument json = toJson(jcas, includeText, true);
        OutputFiles.writeAtomically(jsonFile, out -> writer.writeValue(out, json));
    }

    /**
     * The JSON form of the CAS's document, the text included when {@code includeText}; fragment offsets count code
     * points when {@code codePointOffsets}, else UTF-16 units as in the CAS.
     */
    static JsonDocument toJson(JCas jcas, boolean includeText, boolean codePointOffsets) {
        AnnotatedDocument document = CasAnnotations.read(jcas);
        CodePointOffsets offsets = codePointOffsets ? CodePointOffsets.of(document.text()) : null;
        List<JsonEntity> entities = document.entities().stream().map(e -> toJson(e, document.text(), offsets))
                .toList();
        List<JsonRelation> relations = document.relations().stream().map(JsonWriter::toJson).toList();
        List<JsonError> errors = DocumentErrors.list(jcas).stream()
                .map(e -> new JsonError(e.getComponent(), e.getMessage())).toList();
        String relativePath = SourceDocuments.name(jcas).map(DocumentName::relativePath).orElse(null);
        return new JsonDocument(document.documentId(), relativePath, includeText ? document.text() : null,
                entities, relations, errors);
    }

    private static JsonEntity toJson(EntityMention entity, String text, CodePointOffsets offsets) {
        List<JsonSpan> fragments = entity.fragments().stream()
                .map(f -> offsets == null ? new JsonSpan(f.begin(), f.end())
                        : new JsonSpan(offsets.toCodePointOffset(f.begin()), offsets.toCodePointOffset(f.end())))
                .toList();
        return new JsonEntity(entity.id(), entity.type(), fragments, entity.confidence(), entity.coveredText(text));
    }

    private static JsonRelation toJson(RelationMention relation) {
        return new JsonRelation(relation.id(), relation.type(), relation.modifierId(), relation.anchorId(),
                relation.confidence());
    }
}
