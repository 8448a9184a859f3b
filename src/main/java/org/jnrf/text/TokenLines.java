package org.jnrf.text;

import java.util.List;

/**
 * Which line of the text each token starts on (0-based; lines end at '\n'), a relation feature. Optionally a
 * sentence end inside a line also starts a new "line": a network trained on one sentence per line (PHEE) learned
 * line breaks as sentence boundaries, and clinical notes put several sentences on one line.
 */
public final class TokenLines {
    private TokenLines() {
    }

    public static int[] of(String text, List<Token> tokens) {
        return of(text, tokens, false);
    }

    /**
     * With {@code sentenceBreaks}, '.', '!' or '?' followed by spaces or tabs and then an upper-case letter also
     * counts as a line break (so does a line break itself, once).
     */
    public static int[] of(String text, List<Token> tokens, boolean sentenceBreaks) {
        int[] lines = new int[tokens.size()];
        int line = 0;
        int pos = 0;
        for (int t = 0; t < lines.length; t++) {
            int begin = tokens.get(t).begin();
            for (; pos < begin && pos < text.length(); pos++) {
                char c = text.charAt(pos);
                if (c == '\n' || sentenceBreaks && isSentenceEnd(text, pos)) {
                    line++;
                }
            }
            lines[t] = line;
        }
        return lines;
    }

    private static boolean isSentenceEnd(String text, int pos) {
        char c = text.charAt(pos);
        if (c != '.' && c != '!' && c != '?') {
            return false;
        }
        int next = pos + 1;
        while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
            next++;
        }
        // at least one space, then a capital on the same line (a newline after the stop counts by itself)
        return next > pos + 1 && next < text.length() && Character.isUpperCase(text.charAt(next));
    }
}
