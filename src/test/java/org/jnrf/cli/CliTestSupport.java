package org.jnrf.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;

import picocli.CommandLine;

/** Runs the {@code jnrf} command line in-process for the command tests, capturing what it prints. */
abstract class CliTestSupport {
    protected final StringWriter out = new StringWriter();
    protected final StringWriter err = new StringWriter();

    protected int run(String... args) {
        CommandLine cli = JnrfCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    /** What went to {@link System#err} (logs, progress) during the last {@link #runCapturingStderr} call. */
    protected String systemErr = "";

    /** As {@link #run}, also capturing what the run writes to {@link System#err} into {@link #systemErr}. */
    protected int runCapturingStderr(String... args) {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return run(args);
        } finally {
            System.setErr(before);
            systemErr = captured.toString(StandardCharsets.UTF_8);
        }
    }
}
