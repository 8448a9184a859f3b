package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jnrf.uima.JnrfAnnotator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One huge note in a batch, in a JVM with capped memory: the notes around it are annotated, the huge one is listed
 * in errors.tsv with its length (never its text), and the JVM lives to write the report.
 */
class LongNoteBatchTest {
    private static final String MARKER = "qzxjvmarker";
    private static final Path SAMPLE = Path.of("resources/samples/note-001-discharge.txt");

    @Test
    void aNoteOf200kWordPiecesIsReportedAndTheRestOfTheBatchAnnotated(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        String sample = Files.readString(SAMPLE);
        Files.writeString(in.resolve("a.txt"), sample);
        Files.writeString(in.resolve("c.txt"), sample);
        StringBuilder huge = new StringBuilder();
        while (huge.length() < 1_000_000) { // about 4.3 characters per word piece: over 200,000 of them
            huge.append(sample).append(' ').append(MARKER).append('\n');
        }
        Files.writeString(in.resolve("b.txt"), huge);
        Path out = dir.resolve("out");
        Path log = dir.resolve("log.txt");

        // the heap capped well under what the note's pairs took before blocks (JavaCPP's caps as well; ND4J's own
        // native buffers are outside them, and bounded by the length limit)
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:MaxDirectMemorySize=256m", "-Dorg.bytedeco.javacpp.maxbytes=1g",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=3g",
                "-cp", System.getProperty("java.class.path"), JnrfCommand.class.getName(),
                "annotate", in.toString(), "--out", out.toString(), "--summary", "none"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String printed = Files.readString(log);
        assertTrue(ended, "the run did not end");
        assertEquals(3, process.exitValue(), "exit 3: some notes failed\n" + printed);

        for (String normal : List.of("a.ann", "c.ann")) {
            assertTrue(Files.readString(out.resolve(normal)).contains("\tDrug "), normal + " annotated");
        }
        assertTrue(!Files.exists(out.resolve("b.ann")) || Files.readString(out.resolve("b.ann")).isEmpty(),
                "no annotations for the refused note");
        List<String> errors = Files.readAllLines(out.resolve("errors.tsv"), StandardCharsets.UTF_8);
        assertEquals(2, errors.size(), "header and one row: " + errors);
        String row = errors.get(1);
        assertTrue(row.startsWith("b\t"), row);
        Matcher length = Pattern.compile("note too long: (\\d+) word pieces, more than the limit of (\\d+)")
                .matcher(row);
        assertTrue(length.find(), row);
        assertTrue(Integer.parseInt(length.group(1)) >= 200_000, row);
        assertEquals(JnrfAnnotator.DEFAULT_MAX_WORD_PIECES, Integer.parseInt(length.group(2)));
        assertFalse(row.contains(MARKER) || printed.contains(MARKER), "note text in the report or the log");
    }
}
