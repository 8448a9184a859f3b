package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jnrf.uima.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With stderr redirected (as here), annotate and train write no carriage-return frames; --no-progress writes none. */
class ProgressOutputTest extends CliTestSupport {
    @TempDir
    Path dir;

    @Test
    void annotateWritesPlainProgressLinesOrNone() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 3);
        String model = TestModels.trainedModel().toString();

        assertEquals(0, runCapturingStderr("annotate", notes.toString(), "--out", dir.resolve("a").toString(),
                "--model", model), err.toString());
        assertFalse(systemErr.contains("\r"), systemErr);
        assertTrue(systemErr.lines().anyMatch(l -> l.startsWith("Annotating 100%") && l.contains("3/3 notes")),
                systemErr);

        assertEquals(0, runCapturingStderr("annotate", notes.toString(), "--out", dir.resolve("b").toString(),
                "--model", model, "--no-progress"), err.toString());
        assertFalse(systemErr.contains("Annotating"), systemErr);
    }

    @Test
    void trainWritesPlainProgressLines() throws Exception {
        Path train = TestModels.copyCorpus(TestModels.PHEE_TRAIN, dir.resolve("train"), 4);
        assertEquals(0, runCapturingStderr("train", "--train", train.toString(), "--out",
                dir.resolve("m.zip").toString(), "--width", "16", "--layers", "1", "--expansion", "2", "--epochs", "1",
                "--set", "vocabularySize=300"), err.toString());
        assertFalse(systemErr.contains("\r"), systemErr);
        assertTrue(systemErr.lines().anyMatch(l -> l.startsWith("Training 100%")), systemErr);
    }
}
