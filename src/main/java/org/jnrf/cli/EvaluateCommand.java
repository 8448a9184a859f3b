package org.jnrf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jnrf.eval.AnnFormatException;
import org.jnrf.eval.EvaluationReport;
import org.jnrf.eval.EvaluationReportJson;
import org.jnrf.eval.FolderEvaluation;
import org.jnrf.eval.MissingPredictionPolicy;
import org.jnrf.eval.N2c2Schema;
import org.jnrf.eval.N2c2Scorer;
import org.jnrf.eval.N2c2TableFormatter;
import org.jnrf.eval.TypeLayout;
import org.jnrf.eval.TypeScores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jnrf evaluate}: n2c2 2018 Track 2 scores of a prediction folder against a gold folder. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Scores predicted BRAT .ann files against gold ones like the official n2c2 2018 Track 2 script: "
                + "strict and lenient precision, recall and F1 of entities and relations, per type, micro and macro. "
                + "Files are paired by name; a gold file without prediction counts as an empty prediction.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:scores printed", "1:a folder is unreadable or the gold folder has no .ann file",
                "2:invalid arguments",
                "3:scores printed, but some files are malformed (listed on stderr; their documents are left out)"})
public final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--gold", required = true, paramLabel = "DIR", description = "Folder of gold NAME.ann files.")
    Path goldFolder;

    @Option(names = "--pred", required = true, paramLabel = "DIR", description = "Folder of predicted NAME.ann files.")
    Path predictedFolder;

    @Option(names = "--json", description = "Print the report as JSON (every type found, with counts) instead of the table.")
    boolean json;

    @Option(names = "--skip-missing",
            description = "Leave gold files without prediction out of the scores, as the official script does.")
    boolean skipMissing;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "AUTO",
            description = "Table rows: AUTO (n2c2 rows when every gold type is an n2c2 type, else the types found), "
                    + "N2C2 or DATA. Default: ${DEFAULT-VALUE}.")
    TypeLayout layout;

    @Override
    public Integer call() throws IOException {
        Inputs.requireFolder(spec, goldFolder, "--gold");
        Inputs.requireFolder(spec, predictedFolder, "--pred");
        PrintWriter err = spec.commandLine().getErr();
        // a failure here (an unreadable folder, no gold file) ends the run through FailureMessages: one line, exit 1
        FolderEvaluation evaluation = N2c2Scorer.defaults()
                .withMissingPredictions(skipMissing ? MissingPredictionPolicy.SKIP
                        : MissingPredictionPolicy.COUNT_AS_EMPTY)
                .withTypeLayout(layout)
                .evaluateReadableFiles(goldFolder, predictedFolder);
        EvaluationReport report = evaluation.report();
        for (AnnFormatException problem : evaluation.problems()) {
            err.println("jnrf evaluate: " + problem.getMessage());
        }
        if (!evaluation.problems().isEmpty()) {
            err.println("jnrf evaluate: " + evaluation.problems().size()
                    + " malformed file(s); their documents are left out of the scores");
        }
        warnings(report, err);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? EvaluationReportJson.format(report) : N2c2TableFormatter.format(report));
        out.flush();
        return evaluation.problems().isEmpty() ? 0 : 3;
    }

    private void warnings(EvaluationReport report, PrintWriter err) {
        if (!report.missingPredictions().isEmpty()) {
            err.println("jnrf evaluate: " + report.missingPredictions().size() + " gold file(s) without prediction in "
                    + predictedFolder + (skipMissing ? ", skipped: " : ", scored as empty: ")
                    + names(report.missingPredictions()));
        }
        if (!report.predictionOnly().isEmpty()) {
            err.println("jnrf evaluate: " + report.predictionOnly().size() + " predicted file(s) without gold in "
                    + goldFolder + ", ignored: " + names(report.predictionOnly()));
        }
        if (report.documentCount() == 0) {
            err.println("jnrf evaluate: no document scored (no predicted file matches a gold file)");
        }
        if (report.layout() == TypeLayout.N2C2) {
            List<String> unlisted = report.entities().types().stream().map(TypeScores::type)
                    .filter(t -> !N2c2Schema.isEntityType(t)).toList();
            List<String> unlistedRelations = report.relations().types().stream().map(TypeScores::type)
                    .filter(t -> !N2c2Schema.isRelationType(t)).toList();
            if (!unlisted.isEmpty() || !unlistedRelations.isEmpty()) {
                err.println("jnrf evaluate: predicted types outside the n2c2 schema have no row but count in the "
                        + "overall rows, as in the official script: " + String.join(", ", unlisted)
                        + (unlisted.isEmpty() || unlistedRelations.isEmpty() ? "" : ", ")
                        + String.join(", ", unlistedRelations));
            }
        }
        err.flush();
    }

    /** Names a few documents, enough to locate the problem without flooding the terminal. */
    private static String names(List<String> ids) {
        int shown = Math.min(ids.size(), 10);
        return String.join(", ", ids.subList(0, shown)) + (ids.size() > shown ? ", ..." : "");
    }
}
