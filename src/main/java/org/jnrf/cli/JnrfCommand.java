package org.jnrf.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ./jnrf} launcher: one picocli subcommand per job. */
@Command(name = "jnrf", mixinStandardHelpOptions = true, version = "jnrf-uima 0.1.0",
        description = "Joint medication entity and relation extraction (JNRF) for UIMA, uimaFIT and cTAKES.",
        // the launcher runs this one through Spark's SparkSubmit, outside this command line
        footer = {"%nThrough the ./jnrf launcher also:",
                "  spark-annotate     Annotates notes with Apache Spark (local mode here, spark-submit on a",
                "                       cluster); ./jnrf spark-annotate --help, docs/spark.md."},
        subcommands = {
                CommandLine.HelpCommand.class,
                AnnotateCommand.class,
                TrainCommand.class,
                PruneVocabularyCommand.class,
                EnsembleCommand.class,
                ConvertCommand.class,
                EvaluateCommand.class,
                RelateCommand.class,
                ImportEmbeddingsCommand.class,
                ImportEncoderCommand.class,
                BenchCommand.class,
        })
public final class JnrfCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = FailureMessages.DEBUG_OPTION, scope = CommandLine.ScopeType.INHERIT,
            description = "On failure, print the whole stack trace instead of one line.")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line as users get it: a failure ends with one line (the stack trace with --debug). */
    public static CommandLine commandLine() {
        return new CommandLine(new JnrfCommand()).setExecutionExceptionHandler(new FailureMessages());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
