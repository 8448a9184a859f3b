package org.jnrf.text;

import java.util.Arrays;
import java.util.List;

/**
 * A text as the networks read it: its WordPiece tokens, their vocabulary ids, whether each token continues the
 * previous one's word (a "##" piece: decoding keeps words whole) and the line each token starts on
 * ({@link TokenLines}: a relation feature). Made by {@link TextEncoder} only, so that training and prediction read the
 * same input. Equal when the values are equal.
 */
public record EncodedText(List<Token> tokens, int[] ids, boolean[] continuation, int[] lines) {
    public EncodedText {
        tokens = List.copyOf(tokens);
        if (ids.length != tokens.size() || continuation.length != tokens.size() || lines.length != tokens.size()) {
            throw new IllegalArgumentException(tokens.size() + " tokens, " + ids.length + " ids, "
                    + continuation.length + " continuation flags, " + lines.length + " lines");
        }
    }

    public int size() {
        return tokens.size();
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedText e && tokens.equals(e.tokens) && Arrays.equals(ids, e.ids)
                && Arrays.equals(continuation, e.continuation) && Arrays.equals(lines, e.lines);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * tokens.hashCode() + Arrays.hashCode(ids)) + Arrays.hashCode(continuation))
                + Arrays.hashCode(lines);
    }

    @Override
    public String toString() {
        return "EncodedText[tokens=" + tokens + ", ids=" + Arrays.toString(ids) + ", continuation="
                + Arrays.toString(continuation) + ", lines=" + Arrays.toString(lines) + "]";
    }
}
