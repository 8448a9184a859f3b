package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jnrf.uima.NetworkWatch;
import org.jnrf.uima.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model options of every command: network locations refused unopened; a bad model file is one line of error. */
class ModelOptionsTest extends CliTestSupport {
    @TempDir
    Path dir;

    @Test
    void everyCommandRefusesNetworkModelLocationsWithoutAConnection() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 1);
        Path local = TestModels.trainedModel();
        try (NetworkWatch watch = new NetworkWatch()) {
            for (String remote : watch.remoteLocations()) {
                String[][] commands = {
                        {"annotate", notes.toString(), "--out", dir.resolve("a").toString(), "--model", remote},
                        {"relate", "--gold", notes.toString(), "--out", dir.resolve("r").toString(), "--model", remote},
                        {"ensemble", local.toString(), remote, "--out", dir.resolve("e.zip").toString()},
                        {"prune-vocabulary", "--model", remote, "--out", dir.resolve("p.zip").toString(),
                                notes.toString()}};
                for (String[] command : commands) {
                    err.getBuffer().setLength(0);
                    assertEquals(2, run(command), String.join(" ", command));
                    assertTrue(err.toString().contains("refused"), err.toString());
                }
            }
            assertEquals("", watch.seen());
        }
    }

    @Test
    void aBadModelFileEndsTheRunWithOneLineNamingIt() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 1);
        Path empty = Files.createFile(dir.resolve("empty.zip"));
        assertEquals(1, run("annotate", notes.toString(), "--out", dir.resolve("out").toString(), "--model",
                empty.toString()));
        String message = err.toString().strip();
        assertEquals("jnrf annotate: " + empty + ": empty file, not a JNRF model", message);

        err.getBuffer().setLength(0);
        assertEquals(2, run("relate", "--gold", notes.toString(), "--out", dir.resolve("r").toString(), "--model",
                dir.resolve("missing.zip").toString()), "a missing model is a bad argument");
        assertEquals("--model: " + dir.resolve("missing.zip") + ": no such file", err.toString().lines().findFirst()
                .orElseThrow());
    }

    @Test
    void debugShowsTheStackTrace() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 1);
        Path empty = Files.createFile(dir.resolve("empty.zip"));
        assertEquals(1, run("annotate", "--debug", notes.toString(), "--out", dir.resolve("out").toString(),
                "--model", empty.toString()));
        assertTrue(err.toString().contains("\tat org.jnrf.model.ModelArchive.read"), err.toString());
        assertFalse(err.toString().lines().findFirst().orElse("").startsWith("jnrf annotate:"));
    }
}
