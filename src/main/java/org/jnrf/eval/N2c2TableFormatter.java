package org.jnrf.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.UnaryOperator;

/**
 * Prints a report as the official n2c2 2018 evaluation script prints its Track 2 table, character for character
 * (trailing blanks included). With the {@link TypeLayout#DATA} layout the rows are the types found, labelled as they
 * are spelled; everything else is laid out the same.
 */
public final class N2c2TableFormatter {
    private static final int WIDTH = 70;
    private static final int LABEL_WIDTH = 20;
    private static final String GAP = "  ";
    private static final String MODE_GAP = "    ";

    private N2c2TableFormatter() {
    }

    public static String format(EvaluationReport report) {
        boolean official = report.layout() == TypeLayout.N2C2;
        StringBuilder out = new StringBuilder();
        line(out, center(" TRACK 2 ", WIDTH, '*'));
        line(out, blank(LABEL_WIDTH) + GAP + center(" strict ", 22, '-') + MODE_GAP + center(" lenient ", 22, '-'));
        line(out, blank(LABEL_WIDTH) + GAP + left("Prec.", 6) + GAP + left("Rec.", 6) + GAP + left("F(b=1)", 6)
                + MODE_GAP + left("Prec.", 6) + GAP + left("Rec.", 6) + GAP + left("F(b=1)", 6));
        category(out, report.entities(), official ? N2c2Schema::officialEntityLabel : UnaryOperator.identity());
        line(out, "");
        line(out, center(" RELATIONS ", WIDTH, '*'));
        category(out, report.relations(),
                official ? N2c2Schema::officialRelationLabel : N2c2Schema::dataRelationLabel);
        line(out, "");
        line(out, blank(LABEL_WIDTH) + center("  " + report.documentCount() + " files found  ", 48, ' '));
        return out.toString();
    }

    private static void category(StringBuilder out, CategoryReport category, UnaryOperator<String> label) {
        for (String type : category.rowTypes()) {
            TypeScores scores = category.type(type).orElse(TypeScores.empty(type));
            row(out, label.apply(type), scores.scores(MatchMode.STRICT), scores.scores(MatchMode.LENIENT));
        }
        line(out, right("", LABEL_WIDTH) + GAP + "-".repeat(48));
        row(out, "Overall (micro)", category.micro(MatchMode.STRICT), category.micro(MatchMode.LENIENT));
        row(out, "Overall (macro)", category.macro(MatchMode.STRICT), category.macro(MatchMode.LENIENT));
    }

    private static void row(StringBuilder out, String label, PrfScores strict, PrfScores lenient) {
        line(out, right(label, LABEL_WIDTH) + GAP + number(strict.precision()) + GAP + number(strict.recall()) + GAP
                + number(strict.f1()) + MODE_GAP + number(lenient.precision()) + GAP + number(lenient.recall()) + GAP
                + number(lenient.f1()));
    }

    /**
     * Four decimals rounded from the exact binary value, ties to even, as Python's format does ({@code String.format}
     * rounds the shortest decimal form instead and can differ in the last digit).
     */
    static String number(double value) {
        return new BigDecimal(value).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Python's {@code '{:c^w}'}: extra padding goes to the right. */
    static String center(String text, int width, char fill) {
        int padding = Math.max(0, width - text.length());
        int leftPadding = padding / 2;
        return String.valueOf(fill).repeat(leftPadding) + text + String.valueOf(fill).repeat(padding - leftPadding);
    }

    private static String left(String text, int width) {
        return text + blank(width - text.length());
    }

    private static String right(String text, int width) {
        return blank(width - text.length()) + text;
    }

    private static String blank(int width) {
        return " ".repeat(Math.max(0, width));
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }
}
