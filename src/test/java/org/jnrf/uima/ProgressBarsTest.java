package org.jnrf.uima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

class ProgressBarsTest {
    @Test
    void withoutATerminalProgressIsPlainLinesWithoutCarriageReturns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ProgressBar bar = ProgressBars.create("Counting", 3, " notes", err, false, Duration.ofMinutes(10))) {
            bar.step();
            bar.step();
            bar.step();
        }
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(written.contains("\r"), written);
        assertEquals(1, written.lines().filter(l -> l.startsWith("Counting 100%") && l.contains("3/3 notes")).count(),
                written);
    }
}
