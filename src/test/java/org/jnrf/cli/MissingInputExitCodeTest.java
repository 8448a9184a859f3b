package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing input is a bad argument in every subcommand: exit code 2 and a message naming the path. */
class MissingInputExitCodeTest extends CliTestSupport {
    @TempDir
    Path dir;

    @Test
    void everySubcommandExits2OnAMissingInput() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path file = Files.writeString(dir.resolve("file.zip"), "x");
        String missing = dir.resolve("missing").toString();
        String out = dir.resolve("out").toString();
        List<String[]> commands = List.of(
                new String[] {"annotate", missing, "--out", out},
                new String[] {"annotate", folder.toString(), "--out", out, "--model", missing},
                new String[] {"train", "--train", missing, "--out", out},
                new String[] {"train", "--train", folder.toString(), "--dev", missing, "--out", out},
                new String[] {"train", "--train", folder.toString(), "--embeddings", missing, "--out", out},
                new String[] {"convert", "--from", "brat", "--to", "xmi", missing, out},
                new String[] {"evaluate", "--gold", missing, "--pred", folder.toString()},
                new String[] {"evaluate", "--gold", folder.toString(), "--pred", missing},
                new String[] {"relate", "--gold", missing, "--out", out},
                new String[] {"relate", "--gold", folder.toString(), "--out", out, "--model", missing},
                new String[] {"ensemble", "--out", out, file.toString(), missing},
                new String[] {"ensemble", "--out", out, "--dev", missing, file.toString(), file.toString()},
                new String[] {"prune-vocabulary", "--model", missing, "--out", out, folder.toString()},
                new String[] {"prune-vocabulary", "--model", file.toString(), "--out", out, missing},
                new String[] {"import-embeddings", "--from-maven-jar", missing, "--out", out},
                new String[] {"import-embeddings", "--onnx", missing, "--tokenizer", file.toString(), "--out", out},
                new String[] {"import-encoder", "--from-maven-jar", missing, "--out", out},
                new String[] {"import-encoder", "--onnx", file.toString(), "--tokenizer", missing, "--out", out});
        List<String> wrong = new ArrayList<>();
        for (String[] command : commands) {
            err.getBuffer().setLength(0);
            int exit = run(command);
            if (exit != 2 || !err.toString().contains(missing)) {
                wrong.add(String.join(" ", command) + " -> " + exit + ": " + err);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(false, Files.exists(Path.of(out)), "nothing is written");
    }
}
