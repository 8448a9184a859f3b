package org.jnrf.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class TokenLinesTest {
    @Test
    void countsTheLineBreaksBeforeEachToken() {
        String text = "Aspirin 81 mg\nrash\n\n\nnausea";
        List<Token> tokens = List.of(new Token("aspirin", 5, 0, 7), new Token("81", 6, 8, 10), new Token("mg", 7, 11, 13),
                new Token("rash", 8, 14, 18), new Token("nausea", 9, 21, 27));
        assertArrayEquals(new int[]{0, 0, 0, 1, 4}, TokenLines.of(text, tokens));
    }
}
