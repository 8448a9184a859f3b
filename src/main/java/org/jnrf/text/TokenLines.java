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
     * With {@code sentenceBreaks}, '.', '!' or '?' followed by spaces or tabs and then a capitalised word (an
     * upper-case letter, then a lower-case one) also counts as a line break (a line break itself counts once). Not
     * after abbreviations and list numbers ("p.o. QHS", "e.g. Aspirin", "1. Aspirin", "Dr. Smith", "J. Smith"),
     * nor before all-capital words (BID, QHS), which would cut a modifier from its drug.
     */
    /** The latest sentence rule this build knows ({@link #of(String, List, boolean, int)}). */
    public static final int LATEST_RULE = 2;

    /**
     * As {@link #of(String, List, boolean)} with a versioned rule (2: {@link SegmentBreaks}, for drug labels and
     * clinical notes): a model file names the rule it was trained with,
     * so that a later rule never changes what an older model reads.
     */
    public static int[] of(String text, List<Token> tokens, boolean sentenceBreaks, int rule) {
        if (rule < 1 || rule > LATEST_RULE) {
            throw new IllegalArgumentException("sentence rule " + rule + " is unknown (1 to " + LATEST_RULE + ")");
        }
        if (rule == 1 || !sentenceBreaks) {
            return of(text, tokens, sentenceBreaks);
        }
        boolean[] breaks = SegmentBreaks.of(text);
        int[] lines = new int[tokens.size()];
        int line = 0;
        int pos = 0;
        for (int t = 0; t < lines.length; t++) {
            for (int begin = tokens.get(t).begin(); pos < begin && pos < text.length(); pos++) {
                line += breaks[pos] ? 1 : 0;
            }
            lines[t] = line;
        }
        return lines;
    }

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

    /**
     * With sentence boundaries found elsewhere (a pipeline's sentence annotations) instead of the rule above: a token
     * also starts a new "line" when a sentence begins after the previous token's start, up to and including its own
     * (a sentence after a line break counts once, with the break; one before the first token not at all).
     *
     * @param sentenceBegins the sentences' begin offsets in the text, ascending
     */
    public static int[] of(String text, List<Token> tokens, int[] sentenceBegins) {
        int[] breaks = of(text, tokens, false);
        int[] lines = new int[breaks.length];
        int sentenceStarts = 0;
        int next = 0;
        for (int t = 0; t < lines.length; t++) {
            boolean newSentence = false;
            for (; next < sentenceBegins.length && sentenceBegins[next] <= tokens.get(t).begin(); next++) {
                newSentence = t > 0;
            }
            if (newSentence && breaks[t] == breaks[t - 1]) {
                sentenceStarts++;
            }
            lines[t] = breaks[t] + sentenceStarts;
        }
        return lines;
    }

    /** Words ending in '.' that rarely end a sentence in clinical text. */
    private static final java.util.Set<String> ABBREVIATIONS = java.util.Set.of("dr", "mr", "mrs", "ms", "st", "vs",
            "no", "approx", "pt", "inc");

    static boolean isAbbreviation(String word) {
        return ABBREVIATIONS.contains(word.toLowerCase(java.util.Locale.ROOT));
    }

    static boolean isSentenceEnd(String text, int pos) {
        char c = text.charAt(pos);
        if (c != '.' && c != '!' && c != '?') {
            return false;
        }
        int next = pos + 1;
        while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
            next++;
        }
        // at least one space, then a capitalised word on the same line (a newline after the stop counts by itself)
        if (next == pos + 1 || next + 1 >= text.length() || !Character.isUpperCase(text.charAt(next))
                || !Character.isLowerCase(text.charAt(next + 1))) {
            return false;
        }
        if (c != '.') {
            return true;
        }
        int start = pos;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        String word = text.substring(start, pos);
        return !word.isEmpty() && word.indexOf('.') < 0 && !word.chars().allMatch(Character::isDigit)
                && word.length() > 1 && !ABBREVIATIONS.contains(word.toLowerCase(java.util.Locale.ROOT));
    }
}
