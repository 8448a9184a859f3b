package org.jnrf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jnrf.corpus.ErrorReportWriter;

/** Reads back the {@code errors.tsv} a run wrote and tells the user which documents failed. */
final class ErrorReportSummary {
    private final List<String> rows;
    private final Path reportFile;

    private ErrorReportSummary(Path reportFile, List<String> rows) {
        this.reportFile = reportFile;
        this.rows = rows;
    }

    static ErrorReportSummary read(Path outputFolder) throws IOException {
        Path file = outputFolder.resolve(ErrorReportWriter.REPORT_FILE_NAME);
        if (!Files.exists(file)) {
            return new ErrorReportSummary(file, List.of());
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return new ErrorReportSummary(file, lines.isEmpty() ? List.of() : lines.subList(1, lines.size()));
    }

    int errorCount() {
        return rows.size();
    }

    /** Prints each failed document (id and problem) and where the full report is. */
    void print(PrintWriter out) {
        if (rows.isEmpty()) {
            return;
        }
        out.printf("%d document problem(s), listed in %s:%n", rows.size(), reportFile);
        for (String row : rows) {
            String[] cols = row.split("\t", 3);
            out.printf("  %s: %s%n", cols[0], cols.length > 2 ? cols[2] : row);
        }
    }
}
