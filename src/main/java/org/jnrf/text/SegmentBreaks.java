package org.jnrf.text;

import java.util.Locale;
import java.util.Set;

/**
 * Sentence rule 2 of {@link TokenLines}: where a new segment (a sentence, a heading's content, a list item, a table
 * row) begins in a drug label or a clinical note, for texts that do not keep one sentence per line.
 * <ul>
 *   <li>A run of line breaks (blank lines included) is one break, not one per line; a single line break inside a
 *       sentence wrapped at a fixed width (the line ends in a lower-case letter or a comma, the next begins with a
 *       lower-case letter) is none.</li>
 *   <li>Sentence ends inside a line as rule 1 finds them, and also before a capitalised word of four or more
 *       capitals followed by a lower-case word ("... 27 weeks. ADCETRIS was studied"): drug names begin sentences in
 *       labels (rule 1 does not cut before all-capital words, so that "BID" or "QHS" stays with its drug).</li>
 *   <li>An all-capital section heading ending in a colon, at the start of a line or segment, is cut from the text that
 *       follows it on its line ("HISTORY OF PRESENT ILLNESS: The patient ...").</li>
 *   <li>A numbered or bulleted list run into one line begins a segment at each item ("Medications: 1. Aspirin 81 mg
 *       2. Lisinopril 10 mg", " • nausea • vomiting").</li>
 *   <li>A table flattened into one line begins a segment at each row: a capitalised word after three or more spaces
 *       or a tab that follow a number, a percentage or a dash ("Neutropenia   54   15   Anemia   33").</li>
 * </ul>
 */
final class SegmentBreaks {
    /**
     * Words before a number that make it a reference or a measure, not a list item: "Grade 3. Severe ..." ends a
     * sentence there.
     */
    private static final Set<String> NOT_BEFORE_ITEMS = Set.of("grade", "grades", "table", "figure", "section", "study",
            "studies", "step", "day", "days", "week", "weeks", "stage", "type", "phase", "cycle", "dose", "no",
            "version", "and", "or", "to", "of");

    private SegmentBreaks() {
    }

    /**
     * Marks, per character, whether a new segment begins there; each boundary is marked once, at a position between
     * the last token of one segment and the first of the next.
     */
    static boolean[] of(String text) {
        int n = text.length();
        boolean[] breaks = new boolean[n];
        int lineStart = 0;
        int pos = 0;
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == '\n') {
                int end = pos;
                int newlines = 0;
                while (end < n && Character.isWhitespace(text.charAt(end))) {
                    newlines += text.charAt(end) == '\n' ? 1 : 0;
                    end++;
                }
                if (newlines > 1 || !wrapped(text, pos, end)) {
                    breaks[pos] = true;
                }
                lineStart = end;
                pos = end;
                continue;
            }
            if (TokenLines.isSentenceEnd(text, pos) || capitalWordSentence(text, pos) || referenceEnd(text, pos)
                    || headingEnd(text, lineStart, pos) || listItem(text, lineStart, pos) || tableRow(text, pos)) {
                breaks[pos] = true;
            }
            pos++;
        }
        return breaks;
    }

    /** A single line break inside a wrapped sentence: "... was\n given ...". */
    private static boolean wrapped(String text, int newline, int next) {
        int before = newline - 1;
        while (before >= 0 && (text.charAt(before) == ' ' || text.charAt(before) == '\t' || text.charAt(before) == '\r')) {
            before--;
        }
        if (before < 0 || next >= text.length()) {
            return false;
        }
        char last = text.charAt(before);
        return (Character.isLowerCase(last) || last == ',') && Character.isLowerCase(text.charAt(next));
    }

    private static int skipBlanks(String text, int from) {
        int p = from;
        while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }

    /** '.', '!' or '?', spaces, a word of four or more capitals, a space and a lower-case letter. */
    private static boolean capitalWordSentence(String text, int pos) {
        char c = text.charAt(pos);
        if (c != '.' && c != '!' && c != '?') {
            return false;
        }
        int word = skipBlanks(text, pos + 1);
        if (word == pos + 1 || precededByAbbreviation(text, pos)) {
            return false;
        }
        int end = word;
        while (end < text.length() && Character.isUpperCase(text.charAt(end))) {
            end++;
        }
        return end - word >= 4 && end + 1 < text.length() && text.charAt(end) == ' '
                && Character.isLowerCase(text.charAt(end + 1));
    }

    /**
     * A '.' after a number that a reference word precedes ("Grade 2. Stopped", "Table 3. Nausea"), then spaces and a
     * capitalised word: rule 1 takes every number before a '.' for a list number.
     */
    private static boolean referenceEnd(String text, int pos) {
        if (text.charAt(pos) != '.' || pos == 0 || !Character.isDigit(text.charAt(pos - 1))) {
            return false;
        }
        int next = skipBlanks(text, pos + 1);
        if (next == pos + 1 || next + 1 >= text.length() || !Character.isUpperCase(text.charAt(next))
                || !Character.isLowerCase(text.charAt(next + 1))) {
            return false;
        }
        int number = pos;
        while (number > 0 && Character.isDigit(text.charAt(number - 1))) {
            number--;
        }
        return NOT_BEFORE_ITEMS.contains(wordBefore(text, number).toLowerCase(Locale.ROOT));
    }

    /** The letters right before {@code pos}, spaces between them and it skipped. */
    private static String wordBefore(String text, int pos) {
        int end = pos;
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        int start = end;
        while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
            start--;
        }
        return text.substring(start, end);
    }

    /** The word before a '.' is an abbreviation, an initial or a number (as rule 1 judges). */
    private static boolean precededByAbbreviation(String text, int pos) {
        int start = pos;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        String word = text.substring(start, pos);
        return text.charAt(pos) == '.' && (word.length() <= 1 || word.indexOf('.') >= 0
                || word.chars().allMatch(Character::isDigit) || TokenLines.isAbbreviation(word));
    }

    /** The colon of an all-capital heading that opens its line, with text after it on the same line. */
    private static boolean headingEnd(String text, int lineStart, int pos) {
        if (text.charAt(pos) != ':' || pos - lineStart > 60) {
            return false;
        }
        int letters = 0;
        for (int p = lineStart; p < pos; p++) {
            char c = text.charAt(p);
            if (Character.isLowerCase(c) || Character.isDigit(c)) {
                return false;
            }
            letters += Character.isUpperCase(c) ? 1 : 0;
        }
        int next = skipBlanks(text, pos + 1);
        return letters >= 3 && next > pos + 1 && next < text.length() && text.charAt(next) != '\n'
                && text.charAt(next) != '\r';
    }

    /**
     * Whitespace inside a line before a list item: a number of one or two digits with '.' or ')' and a capitalised
     * word, or a bullet ('•', '▪', '◦', '*') and a space.
     */
    private static boolean listItem(String text, int lineStart, int pos) {
        if (text.charAt(pos) != ' ' && text.charAt(pos) != '\t') {
            return false;
        }
        int item = pos + 1;
        if (item >= text.length() || skipBlanks(text, lineStart) >= pos) {
            return false; // an item at the start of its line: the line break already counts
        }
        char first = text.charAt(item);
        if (first == '•' || first == '▪' || first == '◦' || first == '*') {
            return item + 1 < text.length() && text.charAt(item + 1) == ' ';
        }
        int digits = item;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits == item || digits - item > 2 || digits + 2 >= text.length()
                || text.charAt(digits) != '.' && text.charAt(digits) != ')' || text.charAt(digits + 1) != ' '
                || !Character.isUpperCase(text.charAt(digits + 2))) {
            return false;
        }
        return !NOT_BEFORE_ITEMS.contains(wordBefore(text, pos).toLowerCase(Locale.ROOT));
    }

    /** The first of three or more spaces (or a tab) after a number, '%' or '-' and before a capitalised word. */
    private static boolean tableRow(String text, int pos) {
        char c = text.charAt(pos);
        if (c != ' ' && c != '\t' || pos == 0) {
            return false;
        }
        char before = text.charAt(pos - 1);
        if (!Character.isDigit(before) && before != '%' && before != '-') {
            return false;
        }
        int next = skipBlanks(text, pos);
        boolean gap = next - pos >= 3 || text.substring(pos, next).indexOf('\t') >= 0;
        return gap && next + 1 < text.length() && Character.isUpperCase(text.charAt(next))
                && Character.isLowerCase(text.charAt(next + 1));
    }
}
