package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.jcas.JCas;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JCas cas(String text) throws Exception {
        JCas jcas = JCasFactory.createJCas();
        CasAnnotations.write(jcas, new AnnotatedDocument("note-1", text,
                List.of(new EntityMention("T1", "Drug", List.of(new TextSpan(text.indexOf("Aspirin"),
                                text.indexOf("Aspirin") + 7)), 0.98),
                        new EntityMention("T2", "ADE", List.of(new TextSpan(text.indexOf("severe"),
                                text.indexOf("severe") + 6), new TextSpan(text.indexOf("bleeding"),
                                text.indexOf("bleeding") + 8)), 0.75)),
                List.of(new RelationMention("R1", "ADE-Drug", "T2", "T1", 0.5))));
        SourceDocuments.set(jcas, "note-1", "file:/notes/ward/note-1.txt", "ward/note-1");
        return jcas;
    }

    @Test
    void writesEntitiesRelationsAndErrorsWithoutTextByDefault(@TempDir Path out) throws Exception {
        JCas jcas = cas(BrokenCorpus.GOOD_TEXT);
        DocumentErrors.add(jcas, "Test", "something minor");
        SimplePipeline.runPipeline(jcas, JsonWriter.description(out));

        JsonNode json = MAPPER.readTree(out.resolve("ward/note-1.json").toFile());
        assertEquals("note-1", json.get("documentId").asText());
        assertEquals("ward/note-1", json.get("relativePath").asText());
        assertFalse(json.has("text"));
        JsonNode entities = json.get("entities");
        assertEquals(2, entities.size());
        JsonNode drug = entities.get(0);
        assertEquals("T1", drug.get("id").asText());
        assertEquals("Drug", drug.get("type").asText());
        assertEquals(0.98, drug.get("confidence").asDouble());
        assertEquals("Aspirin", drug.get("text").asText());
        assertEquals(0, drug.get("fragments").get(0).get("begin").asInt());
        assertEquals(7, drug.get("fragments").get(0).get("end").asInt());
        JsonNode ade = entities.get(1);
        assertEquals("severe bleeding", ade.get("text").asText());
        assertEquals(2, ade.get("fragments").size());
        assertEquals(36, ade.get("fragments").get(1).get("begin").asInt());
        JsonNode relation = json.get("relations").get(0);
        assertEquals("ADE-Drug", relation.get("type").asText());
        assertEquals("T2", relation.get("modifier").asText());
        assertEquals("T1", relation.get("anchor").asText());
        assertEquals(0.5, relation.get("confidence").asDouble());
        assertEquals("something minor", json.get("errors").get(0).get("message").asText());
    }

    @Test
    void includesTextOnRequestAndCountsCodePoints(@TempDir Path out) throws Exception {
        String text = "\uD83D\uDC8A " + BrokenCorpus.GOOD_TEXT; // a pill emoji: one code point, two Java chars
        SimplePipeline.runPipeline(cas(text), JsonWriter.description(out, true));
        JsonNode json = MAPPER.readTree(Files.readString(out.resolve("ward/note-1.json")));
        assertEquals(text, json.get("text").asText());
        JsonNode drug = json.get("entities").get(0).get("fragments").get(0);
        assertEquals(2, drug.get("begin").asInt());
        assertEquals(9, drug.get("end").asInt());
        assertTrue(text.codePoints().skip(2).limit(7).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString().equals("Aspirin"));
    }
}
