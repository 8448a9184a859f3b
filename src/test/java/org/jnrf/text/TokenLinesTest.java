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

    @Test
    void sentenceEndsInsideALineCountAsBreaksWhenAsked() {
        String text = "Took aspirin 5.5 mg, e.g. daily. Then rash!  Nausea.\nCough";
        List<Token> tokens = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z0-9.]+").matcher(text);
        while (m.find()) {
            tokens.add(new Token(m.group(), 1, m.start(), m.end()));
        }
        // tokens: Took aspirin 5.5 mg e.g. daily. Then rash Nausea. Cough
        assertArrayEquals(new int[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, TokenLines.of(text, tokens));
        // "5.5" and "e.g. daily" are no sentence ends; ". Then", "!  Nausea" are; ".\n" counts once
        assertArrayEquals(new int[]{0, 0, 0, 0, 0, 0, 1, 1, 2, 3}, TokenLines.of(text, tokens, true));
    }

    @Test
    void abbreviationsListNumbersAndAllCapitalWordsAreNoSentenceEnds() {
        for (String text : new String[] {"Aspirin 81 mg p.o. QHS", "Given e.g. Aspirin daily", "1. Aspirin 81 mg",
                "Seen by Dr. Smith today", "Seen by J. Smith today", "Stopped. BID dosing", "Stopped. A"}) {
            List<Token> tokens = words(text);
            assertArrayEquals(new int[tokens.size()], TokenLines.of(text, tokens, true), text);
        }
        String text = "Rash on amoxicillin. Metformin 500 mg? Later stopped";
        assertArrayEquals(new int[]{0, 0, 0, 1, 1, 1, 2, 2}, TokenLines.of(text, words(text), true));
    }

    @Test
    void sentenceBeginsFromElsewhereCountAsBreaksAndALineBreakCountsOnce() {
        String text = "Rash on amoxicillin. Metformin 500 mg?\nLater stopped. Seen by Dr. Smith";
        int[] sentences = {0, text.indexOf("Metformin"), text.indexOf("Later"), text.indexOf("Seen")};
        // Rash on amoxicillin | Metformin 500 mg | \n Later stopped | Seen by Dr Smith
        assertArrayEquals(new int[]{0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 3}, TokenLines.of(text, words(text), sentences));
        // where the sentences are the ones the rule finds, the numbering is the rule's
        assertArrayEquals(TokenLines.of(text, words(text), true), TokenLines.of(text, words(text), sentences));
        // a begin before the first token, or inside the gap before a token, counts for that token
        String gap = "  Aspirin daily.  Rash";
        assertArrayEquals(new int[]{0, 0, 1}, TokenLines.of(gap, words(gap), new int[]{0, gap.indexOf(".") + 1}));
        // no sentences: line breaks only
        assertArrayEquals(TokenLines.of(text, words(text)), TokenLines.of(text, words(text), new int[0]));
    }

    private static List<Token> words(String text) {
        List<Token> tokens = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z0-9]+").matcher(text);
        while (m.find()) {
            tokens.add(new Token(m.group(), 1, m.start(), m.end()));
        }
        return tokens;
    }
}
