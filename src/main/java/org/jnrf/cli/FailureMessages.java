package org.jnrf.cli;

import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * How a command that fails with an exception ends: one line naming the problem (the innermost cause's message, such
 * as "model.zip: empty file, not a JNRF model" under UIMA's wrappers), or with {@code --debug} the whole stack trace.
 */
final class FailureMessages implements CommandLine.IExecutionExceptionHandler {
    static final String DEBUG_OPTION = "--debug";

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (debug(parsed)) {
            e.printStackTrace(err);
        } else {
            err.println("jnrf " + command.getCommandName() + ": " + oneLine(e));
        }
        err.flush();
        return command.getExitCodeExceptionMapper() != null ? command.getExitCodeExceptionMapper().getExitCode(e)
                : command.getCommandSpec().exitCodeOnExecutionException();
    }

    /** The message of the innermost cause that has one (wrappers repeat or hide it), else the exception's kind. */
    static String oneLine(Throwable e) {
        String message = null;
        Throwable kind = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            kind = t;
        }
        String line = message != null ? message : kind.getClass().getSimpleName();
        return line.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(DEBUG_OPTION)) {
                return true;
            }
        }
        return false;
    }
}
