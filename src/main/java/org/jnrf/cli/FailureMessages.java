package org.jnrf.cli;

import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * How a command that fails with an exception ends: one line naming the problem (such as "model.zip: empty file, not
 * a JNRF model", found under UIMA's wrappers), or with {@code --debug} the whole stack trace.
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

    /**
     * The first message of the cause chain that says more than a wrapper: UIMA's exceptions ("Initialization of
     * annotator ... failed") and exceptions made only from their cause are passed over for their cause's message.
     */
    static String oneLine(Throwable e) {
        String innermost = null;
        Throwable last = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                boolean wrapper = t.getClass().getName().startsWith("org.apache.uima.")
                        || (t.getCause() != null && message.equals(t.getCause().toString()));
                if (!wrapper) {
                    return flat(message);
                }
                innermost = message;
            }
            last = t;
        }
        return innermost != null ? flat(innermost) : last.getClass().getSimpleName();
    }

    private static String flat(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
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
