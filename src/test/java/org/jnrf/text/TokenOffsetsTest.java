package org.jnrf.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenOffsetsTest {

    @Test
    void mentionsMapToTheTokensTheyTouch() throws IOException {
        WordPieceTokenizer tokenizer = new WordPieceTokenizer(
                Vocabulary.load(new StringReader(WordPieceTokenizerTest.VOCAB_TXT)), BasicTokenizer.uncased());
        String note = "Take 5mg  MTX-induced rash";
        List<Token> tokens = tokenizer.tokenize(note); // take 5 ##mg mtx - induced [UNK]
        TokenOffsets offsets = new TokenOffsets(tokens);
        assertEquals(7, offsets.size());
        assertArrayEquals(new int[] {2, 3}, offsets.overlapping(6, 8));      // "mg" inside "5mg"
        assertTrue(offsets.isTokenBoundary(6, 8));
        assertArrayEquals(new int[] {3, 6}, offsets.overlapping(10, 21));    // "MTX-induced"
        assertArrayEquals(new int[] {3, 4}, offsets.overlapping(11, 12));    // inside "MTX"
        assertFalse(offsets.isTokenBoundary(11, 12));
        assertArrayEquals(new int[] {3, 3}, offsets.overlapping(8, 10));     // the spaces only
        assertArrayEquals(new int[] {7, 7}, offsets.overlapping(26, 26));
        assertArrayEquals(new int[] {10, 21}, offsets.characters(3, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> offsets.characters(3, 3));
    }

    @Test
    void agreesWithALinearScan() {
        WordPieceTokenizer tokenizer = new WordPieceTokenizer(Vocabulary.of(List.of("[UNK]", "ab", "##c", "d", ".")),
                BasicTokenizer.uncased());
        String note = "abc d. ab  abcd d.. x abc";
        List<Token> tokens = tokenizer.tokenize(note);
        TokenOffsets offsets = new TokenOffsets(tokens);
        Random random = new Random(1);
        for (int trial = 0; trial < 500; trial++) {
            int begin = random.nextInt(note.length() + 1);
            int end = begin + random.nextInt(note.length() - begin + 1);
            int from = -1;
            int to = -1;
            for (int t = 0; t < tokens.size(); t++) {
                if (tokens.get(t).begin() < end && begin < tokens.get(t).end()) {
                    from = from < 0 ? t : from;
                    to = t + 1;
                }
            }
            int[] range = offsets.overlapping(begin, end);
            if (from < 0) {
                assertEquals(range[0], range[1], "no token in [" + begin + ", " + end + ")");
            } else {
                assertArrayEquals(new int[] {from, to}, range, "[" + begin + ", " + end + ")");
            }
        }
    }

    @Test
    void rejectsUnorderedTokens() {
        assertThrows(IllegalArgumentException.class,
                () -> new TokenOffsets(List.of(new Token("a", 0, 2, 4), new Token("b", 1, 3, 5))));
    }
}
