package org.jnrf.text;

import java.util.List;

/** Which line of the text each token starts on (0-based; lines end at '\n'). */
public final class TokenLines {
    private TokenLines() {
    }

    public static int[] of(String text, List<Token> tokens) {
        int[] lines = new int[tokens.size()];
        int line = 0;
        int pos = 0;
        for (int t = 0; t < lines.length; t++) {
            int begin = tokens.get(t).begin();
            for (; pos < begin && pos < text.length(); pos++) {
                if (text.charAt(pos) == '\n') {
                    line++;
                }
            }
            lines[t] = line;
        }
        return lines;
    }
}
