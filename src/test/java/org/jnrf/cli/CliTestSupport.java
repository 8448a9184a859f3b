package org.jnrf.cli;

import java.io.PrintWriter;
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
}
