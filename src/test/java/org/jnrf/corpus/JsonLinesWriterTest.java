package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.uima.fit.cpe.CpePipeline;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.jcas.JCas;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.TextSpan;
import org.jnrf.testing.TestCorpora;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void oneLinePerDocumentWithCasOffsetsAndNoText(@TempDir Path out) throws Exception {
        String text = "\uD83D\uDC8A " + BrokenCorpus.GOOD_TEXT; // a pill emoji: two UTF-16 units, one code point
        int begin = text.indexOf("Aspirin");
        JCas first = JCasFactory.createJCas();
        CasAnnotations.write(first, new AnnotatedDocument("note-1", text,
                List.of(new EntityMention("T1", "Drug", List.of(new TextSpan(begin, begin + 7)), 0.9)), List.of()));
        SourceDocuments.set(first, "note-1", "file:/notes/ward/note-1.txt", "ward/note-1");
        JCas second = JCasFactory.createJCas();
        second.setDocumentText("No medication today.");
        SourceDocuments.set(second, "note-2", "file:/notes/note-2.txt", "note-2");

        SimplePipeline.runPipeline(first, JsonLinesWriter.description(out));
        SimplePipeline.runPipeline(second, JsonLinesWriter.description(out));

        List<String> lines = Files.readAllLines(out.resolve(JsonLinesWriter.DEFAULT_FILE_NAME));
        assertEquals(1, lines.size(), "each pipeline run starts the file anew");
        JsonNode note2 = MAPPER.readTree(lines.get(0));
        assertEquals("note-2", note2.get("documentId").asText());
        assertEquals(0, note2.get("entities").size());

        SimplePipeline.runPipeline(first, JsonLinesWriter.description(out));
        JsonNode note1 = MAPPER.readTree(Files.readAllLines(out.resolve(JsonLinesWriter.DEFAULT_FILE_NAME)).get(0));
        assertEquals("ward/note-1", note1.get("relativePath").asText());
        assertFalse(note1.has("text"));
        JsonNode fragment = note1.get("entities").get(0).get("fragments").get(0);
        assertEquals(3, fragment.get("begin").asInt(), "UTF-16 units, as in the CAS");
        assertEquals("Aspirin", text.substring(fragment.get("begin").asInt(), fragment.get("end").asInt()));
        assertEquals("Aspirin", note1.get("entities").get(0).get("text").asText());
    }

    @Test
    void aLinkWhereTheFileGoesIsReplacedNotFollowed(@TempDir Path dir) throws Exception {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "keep me");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve(JsonLinesWriter.DEFAULT_FILE_NAME), outside);
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText("No medication today.");
        SourceDocuments.set(jcas, "note-2", "file:/notes/note-2.txt", "note-2");

        SimplePipeline.runPipeline(jcas, JsonLinesWriter.description(out));

        assertEquals("keep me", Files.readString(outside));
        assertFalse(Files.isSymbolicLink(out.resolve(JsonLinesWriter.DEFAULT_FILE_NAME)));
        assertEquals(1, Files.readAllLines(out.resolve(JsonLinesWriter.DEFAULT_FILE_NAME)).size());
    }

    @Test
    void threeCpeThreadsWriteEveryDocumentOnceAsOneThreadDoes(@TempDir Path dir) throws Exception {
        Path corpus = BrokenCorpus.write(dir.resolve("corpus"));
        for (Path txt : BratCorpus.textFiles(TestCorpora.PHEE_DEV).subList(0, 30)) {
            Files.copy(txt, corpus.resolve(txt.getFileName()));
            Files.copy(CorpusFiles.sibling(txt, ".ann"), corpus.resolve(CorpusFiles.baseName(txt) + ".ann"));
        }
        Path single = dir.resolve("single");
        Path threaded = dir.resolve("threaded");
        SimplePipeline.runPipeline(BratReader.description(corpus), JsonLinesWriter.description(single));
        CpePipeline.runPipeline(3, BratReader.description(corpus), JsonLinesWriter.description(threaded));

        List<String> one = Files.readAllLines(single.resolve(JsonLinesWriter.DEFAULT_FILE_NAME));
        List<String> three = Files.readAllLines(threaded.resolve(JsonLinesWriter.DEFAULT_FILE_NAME));
        Set<String> documents = new TreeSet<>();
        for (String line : one) {
            documents.add(MAPPER.readTree(line).get("relativePath").asText());
        }
        assertEquals(one.size(), documents.size(), "one line per document");
        assertEquals(30 + 5, one.size(), "the PHEE notes and the broken corpus less its undecodable note and orphan");
        assertEquals(new TreeSet<>(one), new TreeSet<>(three));
        assertEquals(one.size(), three.size());
    }
}
