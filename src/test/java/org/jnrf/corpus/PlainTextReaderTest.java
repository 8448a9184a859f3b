package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.type.SourceDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainTextReaderTest {
    private static List<String> read(org.apache.uima.collection.CollectionReaderDescription reader) throws Exception {
        List<String> rows = new ArrayList<>();
        for (JCas jcas : SimplePipeline.iteratePipeline(reader)) {
            SourceDocument source = SourceDocuments.get(jcas).orElseThrow();
            rows.add(source.getRelativePath() + "|" + source.getDocumentId() + "|" + jcas.getDocumentLanguage() + "|"
                    + jcas.getDocumentText() + "|" + DocumentErrors.list(jcas).stream()
                    .map(e -> e.getComponent() + ": " + e.getMessage()).toList());
        }
        return rows;
    }

    @Test
    void readsFoldersRecursivelyAndSingleFilesInOrder(@TempDir Path dir) throws Exception {
        Path notes = dir.resolve("notes");
        Files.createDirectories(notes.resolve("ward"));
        Files.writeString(notes.resolve("b.txt"), "note b");
        Files.writeString(notes.resolve("ward/a.txt"), "note a");
        Files.writeString(notes.resolve("skip.ann"), "not a note");
        Files.write(notes.resolve("c.txt"), new byte[] {'o', 'k', (byte) 0xFF});
        Path single = dir.resolve("extra.note");
        Files.writeString(single, "extra");

        List<String> rows = read(PlainTextReader.description(notes, single, notes.resolve("b.txt")));
        assertEquals(4, rows.size(), rows.toString());
        assertEquals("b|b|en|note b|[]", rows.get(0));
        assertTrue(rows.get(1).startsWith("c|c|en||[PlainTextReader: " + notes.resolve("c.txt")
                + ": not valid UTF-8"), rows.get(1));
        assertTrue(rows.get(1).endsWith("byte offset 2]"), rows.get(1));
        assertEquals("ward/a|a|en|note a|[]", rows.get(2));
        assertEquals("extra|extra|en|extra|[]", rows.get(3));
    }

    @Test
    void filePatternSelectsFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.note"), "a", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("b.txt"), "b", StandardCharsets.UTF_8);
        assertEquals(List.of("a|a|en|a|[]"), read(PlainTextReader.description(List.of(dir), "*.note")));
    }

    @Test
    void refusesMissingInputsAndClashingOutputNames(@TempDir Path dir) throws Exception {
        assertThrows(ResourceInitializationException.class,
                () -> CollectionReaderFactory.createReader(PlainTextReader.description(dir.resolve("missing"))));
        Files.createDirectories(dir.resolve("x"));
        Files.createDirectories(dir.resolve("y"));
        Files.writeString(dir.resolve("x/n.txt"), "1");
        Files.writeString(dir.resolve("y/n.txt"), "2");
        ResourceInitializationException e = assertThrows(ResourceInitializationException.class,
                () -> CollectionReaderFactory.createReader(PlainTextReader.description(dir.resolve("x"),
                        dir.resolve("y"))));
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(String.valueOf(cause.getMessage()).contains("share the output name n")
                || String.valueOf(e.getMessage()).contains("share the output name n"), e.toString());
    }

    @Test
    void followsLinkedFoldersAndReportsLoopsAndDanglingLinks(@TempDir Path dir) throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("a.txt"), "note a");
        Files.writeString(elsewhere.resolve("b.txt"), "note b");
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("c.txt"), "note c");
        Files.createSymbolicLink(notes.resolve("linked"), elsewhere);
        Files.createSymbolicLink(notes.resolve("loop"), notes);
        Files.createSymbolicLink(notes.resolve("gone.txt"), dir.resolve("missing.txt"));
        Path linkedInput = Files.createSymbolicLink(dir.resolve("input"), notes);

        List<String> rows = read(PlainTextReader.description(linkedInput));
        assertEquals(List.of(
                "c|c|en|note c|[]",
                "gone|gone|en||[PlainTextReader: " + linkedInput.resolve("gone.txt") + ": symbolic link to "
                        + dir.resolve("missing.txt") + " leads to no file (the target is missing, or links form a "
                        + "loop)]",
                "linked/a|a|en|note a|[]",
                "linked/b|b|en|note b|[]",
                "loop|loop|en||[PlainTextReader: " + linkedInput.resolve("loop") + ": symbolic link loop: it leads "
                        + "back to a folder above it, whose files are read once]"), rows);
    }

    @Test
    void reportsAPipeAndAnUndecodableFileNameInsteadOfReadingThem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "note a");
        // made by a shell: Java cannot name a file with bytes its encoding cannot decode
        assumeTrue(new ProcessBuilder("sh", "-c", "mkfifo pipe.txt && : > \"$(printf 'b\\377.txt')\" && "
                + ": > \"$(printf 'b\\376.txt')\"").directory(dir.toFile()).start().waitFor() == 0);

        List<String> rows = read(PlainTextReader.description(dir));
        assertEquals(4, rows.size(), rows.toString());
        assertEquals("a|a|en|note a|[]", rows.get(0));
        for (String row : rows.subList(1, 3)) {
            assertTrue(row.startsWith("b\uFFFD|b\uFFFD|en||[PlainTextReader: " + dir.resolve("b\uFFFD.txt")
                    + ": the file name is not valid text in the file system's encoding; rename the file]"), row);
        }
        assertEquals("pipe|pipe|en||[PlainTextReader: " + dir.resolve("pipe.txt")
                + ": not a regular file (a pipe, socket or device)]", rows.get(3));
    }
}
