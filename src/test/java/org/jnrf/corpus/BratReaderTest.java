package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.uima.collection.CollectionReader;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.jcas.JCas;
import org.apache.uima.util.Progress;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.TextSpan;
import org.jnrf.type.DocumentError;
import org.jnrf.type.SourceDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BratReaderTest {
    /** What a reader emitted for one document. */
    private record Read(SourceDocument source, String language, AnnotatedDocument document, List<String> errors) {
    }

    private static Map<String, Read> readAll(Path folder) throws Exception {
        Map<String, Read> byPath = new LinkedHashMap<>();
        for (JCas jcas : SimplePipeline.iteratePipeline(BratReader.description(folder))) {
            SourceDocument source = SourceDocuments.get(jcas).orElseThrow();
            List<String> errors = DocumentErrors.list(jcas).stream()
                    .map(e -> e.getComponent() + ": " + e.getMessage()).toList();
            byPath.put(source.getRelativePath(), new Read(source, jcas.getDocumentLanguage(),
                    CasAnnotations.read(jcas), errors));
        }
        return byPath;
    }

    @Test
    void readsEveryDocumentInSortedOrderAndReportsEachBadOne(@TempDir Path dir) throws Exception {
        Path root = BrokenCorpus.write(dir.resolve("corpus"));
        Map<String, Read> read = readAll(root);

        assertEquals(List.of("a/good", "b/bad-utf8", "bad-line", "missing-argument", "outside", "unannotated",
                "z-orphan"), new ArrayList<>(read.keySet()));

        Read good = read.get("a/good");
        assertEquals("good", good.source().getDocumentId());
        assertEquals(root.resolve("a/good.txt").toUri().toString(), good.source().getUri());
        assertEquals("en", good.language());
        assertEquals(BrokenCorpus.GOOD_TEXT, good.document().text());
        assertEquals(List.of(), good.errors());
        assertEquals(3, good.document().entities().size());
        assertEquals(List.of(new TextSpan(21, 27), new TextSpan(36, 44)),
                good.document().entitiesById().get("T3").fragments());
        assertEquals(List.of("ADE-Drug (ADE 21-27;36-44) -> (Drug 0-7)", "Strength-Drug (Strength 8-13) -> (Drug 0-7)"),
                AnnotationKeys.relations(good.document()));

        assertError(read.get("b/bad-utf8"), root.resolve("b/bad-utf8.txt") + ": not valid UTF-8", "byte offset 3");
        assertEquals("", read.get("b/bad-utf8").document().text());

        assertError(read.get("bad-line"), root.resolve("bad-line.ann") + ", line 3: malformed entity line", "");
        assertEquals(BrokenCorpus.GOOD_TEXT, read.get("bad-line").document().text(), "text kept");

        assertError(read.get("missing-argument"), root.resolve("missing-argument.ann") + ", line 2: relation R1",
                "T9, which is not defined");
        assertError(read.get("outside"), root.resolve("outside.ann") + ", line 2: span 40-400 of entity T2",
                "outside the text");

        Read unannotated = read.get("unannotated");
        assertEquals(List.of(), unannotated.errors());
        assertTrue(unannotated.document().entities().isEmpty());
        assertEquals("Metformin 500 mg twice daily.", unannotated.document().text());

        assertError(read.get("z-orphan"), root.resolve("z-orphan.ann") + ": annotation file without its text file",
                "z-orphan.txt");
    }

    /** Exactly one error, from the reader, starting with {@code prefix}; no annotation of the broken file. */
    private static void assertError(Read read, String prefix, String contained) {
        assertEquals(1, read.errors().size(), read.errors().toString());
        String error = read.errors().get(0);
        assertTrue(error.startsWith("BratReader: " + prefix), error);
        assertTrue(error.contains(contained), error);
        assertFalse(error.contains("Aspirin") || error.contains("bleeding"), "no note text: " + error);
        assertTrue(read.document().entities().isEmpty() && read.document().relations().isEmpty());
    }

    @Test
    void reportsProgress(@TempDir Path dir) throws Exception {
        Path root = BrokenCorpus.write(dir.resolve("corpus"));
        CollectionReader reader = CollectionReaderFactory.createReader(BratReader.description(root));
        JCas jcas = JCasFactory.createJCas();
        assertEquals(0, reader.getProgress()[0].getCompleted());
        assertEquals(7, reader.getProgress()[0].getTotal());
        assertEquals(Progress.ENTITIES, reader.getProgress()[0].getUnit());
        reader.getNext(jcas.getCas());
        assertEquals(1, reader.getProgress()[0].getCompleted());
        reader.destroy();
    }

    @Test
    void errorReportListsTheBrokenDocuments(@TempDir Path dir) throws Exception {
        Path root = BrokenCorpus.write(dir.resolve("corpus"));
        Path out = dir.resolve("out");
        SimplePipeline.runPipeline(BratReader.description(root), BratWriter.description(out),
                ErrorReportWriter.description(out));
        List<String> lines = Files.readAllLines(out.resolve(ErrorReportWriter.REPORT_FILE_NAME));
        assertEquals(ErrorReportWriter.HEADER, lines.get(0));
        List<String> documents = lines.stream().skip(1).map(l -> l.split("\t")[0]).toList();
        assertEquals(List.of("bad-utf8", "bad-line", "missing-argument", "outside", "z-orphan"), documents);
        assertTrue(lines.stream().skip(1).allMatch(l -> l.split("\t").length == 3 && l.split("\t")[1].equals(
                "BratReader")), lines.toString());
        assertTrue(lines.get(2).endsWith("bad-line.ann, line 3: malformed entity line: expected "
                + "'Tn<TAB>Type start end[;start end...]<TAB>surface'"), lines.get(2));

        // documents with text are written despite their errors; the undecodable and orphan ones have nothing to write
        assertTrue(Files.exists(out.resolve("a/good.ann")));
        assertTrue(Files.exists(out.resolve("bad-line.ann")));
        assertEquals("", Files.readString(out.resolve("bad-line.ann")));
        assertTrue(Files.exists(out.resolve("unannotated.ann")));
        assertFalse(Files.exists(out.resolve("b/bad-utf8.ann")));
        assertFalse(Files.exists(out.resolve("z-orphan.ann")));
    }

    @Test
    void errorReportHasOnlyItsHeaderWhenThereWereNoErrors(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("corpus");
        Files.createDirectories(root);
        Files.writeString(root.resolve("one.txt"), BrokenCorpus.GOOD_TEXT);
        Files.writeString(root.resolve("one.ann"), BrokenCorpus.GOOD_ANN);
        SimplePipeline.runPipeline(BratReader.description(root), ErrorReportWriter.description(dir.resolve("out")));
        assertEquals(List.of(ErrorReportWriter.HEADER),
                Files.readAllLines(dir.resolve("out").resolve(ErrorReportWriter.REPORT_FILE_NAME)));
    }
}
