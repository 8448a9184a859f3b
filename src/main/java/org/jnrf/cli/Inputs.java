package org.jnrf.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jnrf.uima.ModelLocation;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks of the files and folders a command is given. A missing input is a bad argument: picocli reports it with
 * the usage and exit code 2, the same in every subcommand.
 */
final class Inputs {
    private Inputs() {
    }

    /** {@code folder} must be an existing folder; {@code option} names where it was given (e.g. "--gold"). */
    static void requireFolder(CommandSpec spec, Path folder, String option) {
        if (!Files.isDirectory(folder)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": "
                    + (Files.exists(folder) ? "not a folder: " : "no such folder: ") + folder);
        }
    }

    /** {@code file} must be an existing regular file. */
    static void requireFile(CommandSpec spec, Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": "
                    + (Files.exists(file) ? "not a file: " : "no such file: ") + file);
        }
    }

    /** The model {@code location} names must be there (a file, a class path resource, an entry of a local jar). */
    static void requireModel(CommandSpec spec, ModelLocation location, String option) {
        try (InputStream in = location.open()) {
            // opened only to see that it is there; reading it is the model loader's job
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** {@code path} must exist (a file or a folder). */
    static void requireExisting(CommandSpec spec, Path path, String option) {
        if (!Files.exists(path)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": no such file or folder: "
                    + path);
        }
    }

    /** A bad argument not about a file, reported like the others. */
    static CommandLine.ParameterException bad(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
