package org.jnrf.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jnrf.text.TokenShapes.Casing;
import org.jnrf.text.TokenShapes.Content;
import org.jnrf.text.TokenShapes.Position;
import org.junit.jupiter.api.Test;

class TokenShapesTest {

    @Test
    void shapesComeFromTheOriginalCharacters() throws IOException {
        WordPieceTokenizer tokenizer = new WordPieceTokenizer(
                Vocabulary.load(new StringReader(WordPieceTokenizerTest.VOCAB_TXT)), BasicTokenizer.uncased());
        String note = "MTX-induced\n  Take 5mg x2 Café";
        List<Token> tokens = tokenizer.tokenize(note);
        assertEquals(List.of("mtx", "-", "induced", "take", "5", "##mg", "x", "##2", "caf", "##e"),
                tokens.stream().map(Token::piece).toList());
        List<String> shapes = Arrays.stream(TokenShapes.shapeIds(note, tokens)).mapToObj(TokenShapes::describe).toList();
        assertEquals(List.of(
                "LINE_START/LETTERS/UPPER",
                "GLUED/PUNCTUATION/NONE",
                "GLUED/LETTERS/LOWER",
                "LINE_START/LETTERS/TITLE",
                "SPACED/DIGITS/NONE",
                "CONTINUATION/LETTERS/LOWER",
                "SPACED/LETTERS/LOWER",
                "CONTINUATION/DIGITS/NONE",
                "SPACED/LETTERS/TITLE",
                "CONTINUATION/LETTERS/LOWER"), shapes);
    }

    @Test
    void idsAreDenseAndDescribable() {
        Set<Integer> ids = new HashSet<>();
        for (Position p : Position.values()) {
            for (Content c : Content.values()) {
                for (Casing k : Casing.values()) {
                    int id = TokenShapes.id(p, c, k);
                    assertTrue(id > TokenShapes.PADDING_ID && id < TokenShapes.SIZE);
                    assertEquals(p + "/" + c + "/" + k, TokenShapes.describe(id));
                    ids.add(id);
                }
            }
        }
        assertEquals(TokenShapes.SIZE - 1, ids.size());
        assertEquals("PADDING", TokenShapes.describe(TokenShapes.PADDING_ID));
        assertThrows(IllegalArgumentException.class, () -> TokenShapes.describe(TokenShapes.SIZE));
    }

    @Test
    void mixedCaseAndSymbols() {
        String note = "pH iPhone A 😀 5%";
        List<Token> tokens = List.of(new Token("ph", 0, 0, 2), new Token("iphone", 0, 3, 9), new Token("a", 0, 10, 11),
                new Token("[UNK]", 0, 12, 14), new Token("5", 0, 15, 16), new Token("%", 0, 16, 17));
        List<String> shapes = Arrays.stream(TokenShapes.shapeIds(note, tokens)).mapToObj(TokenShapes::describe).toList();
        assertEquals(List.of("LINE_START/LETTERS/MIXED", "SPACED/LETTERS/MIXED", "SPACED/LETTERS/TITLE",
                "SPACED/OTHER/NONE", "SPACED/DIGITS/NONE", "GLUED/PUNCTUATION/NONE"), shapes);
        assertThrows(IllegalArgumentException.class,
                () -> TokenShapes.shapeIds("ab", List.of(new Token("abc", 0, 0, 3))));
    }
}
