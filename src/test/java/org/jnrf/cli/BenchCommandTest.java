package org.jnrf.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network benchmark on a tiny configuration: the exact line format the issue asks for, and what it counts. */
class BenchCommandTest {
    private static final Pattern MEMORY = Pattern.compile("peak_rss_mb=\\d+ nd4j_offheap_mb=(\\d+)");

    private static List<String> bench(String... extra) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            String[] base = {"bench", "--hidden", "32", "--layers", "2", "--expansion", "2", "--vocabulary", "40000",
                    "--lengths", "64,96", "--runs", "1", "--warmup", "1", "--threads", "2"};
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                    .toArray(String[]::new);
            code = new CommandLine(new JnrfCommand()).execute(args);
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, code);
        return buffer.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
    }

    private static long offHeapMb(List<String> lines) {
        Matcher m = MEMORY.matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches(), lines.toString());
        return Long.parseLong(m.group(1));
    }

    @Test
    void printsTrainingAndInferenceLinesPerLengthThenMemory() {
        List<String> lines = bench();
        assertEquals(5, lines.size(), lines.toString());
        String number = "\\d+\\.\\d{3} tokens_per_s=\\d+";
        assertTrue(lines.get(0).matches("L=64 train_s_per_doc=" + number), lines.get(0));
        assertTrue(lines.get(1).matches("L=64 infer_s_per_doc=" + number), lines.get(1));
        assertTrue(lines.get(2).matches("L=96 train_s_per_doc=" + number), lines.get(2));
        assertTrue(lines.get(3).matches("L=96 infer_s_per_doc=" + number), lines.get(3));
        // 40,000 x 32 table: value and two Adam moments when trained (about 15 MB), the value alone when frozen
        long trained = offHeapMb(lines);
        long frozen = offHeapMb(bench("--frozen-embeddings"));
        assertTrue(trained - frozen >= 9, "frozen " + frozen + " MB, trained " + trained + " MB");
    }
}
