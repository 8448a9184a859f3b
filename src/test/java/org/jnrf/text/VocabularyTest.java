package org.jnrf.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {

    @Test
    void idsAreLineIndicesAndSpecialTokensAreFound() throws IOException {
        Vocabulary v = Vocabulary.load(new StringReader(WordPieceTokenizerTest.VOCAB_TXT));
        assertEquals(0, v.paddingId());
        assertEquals(3, v.unknownId());
        assertEquals(4, v.clsId());
        assertEquals(5, v.sepId());
        assertEquals(6, v.maskId());
        assertEquals("the", v.piece(v.id("the")));
        assertEquals(-1, v.id("absent"));
        assertEquals(WordPieceTokenizerTest.VOCAB_TXT.split("\n").length, v.size());
        assertTrue(v.isSpecial(v.unknownId()));
    }

    @Test
    void writeAndLoadRoundTripExactly(@TempDir Path dir) throws IOException {
        Vocabulary v = Vocabulary.load(new StringReader(WordPieceTokenizerTest.VOCAB_TXT));
        StringWriter out = new StringWriter();
        v.write(out);
        assertEquals(WordPieceTokenizerTest.VOCAB_TXT, out.toString());
        Path file = dir.resolve("vocab.txt");
        v.write(file);
        assertEquals(WordPieceTokenizerTest.VOCAB_TXT, Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(v, Vocabulary.load(file));
    }

    @Test
    void crlfBomAndDuplicates() throws IOException {
        Vocabulary v = Vocabulary.load(new StringReader("\uFEFF[PAD]\r\n[UNK]\r\nab\r\nab\r\n##c"));
        assertEquals(List.of("[PAD]", "[UNK]", "ab", "ab", "##c"), v.pieces());
        assertEquals(2, v.id("ab"));
        assertEquals("ab", v.piece(3));
        assertEquals(-1, v.clsId());
    }

    @Test
    void missingUnknownOrEmptyFileNamesTheFile(@TempDir Path dir) throws IOException {
        Path noUnk = dir.resolve("bad-vocab.txt");
        Files.writeString(noUnk, "[PAD]\nthe\n");
        IOException e = assertThrows(IOException.class, () -> Vocabulary.load(noUnk));
        assertTrue(e.getMessage().contains("bad-vocab.txt") && e.getMessage().contains("[UNK]"), e.getMessage());
        Path empty = dir.resolve("empty-vocab.txt");
        Files.writeString(empty, "");
        e = assertThrows(IOException.class, () -> Vocabulary.load(empty));
        assertTrue(e.getMessage().contains("empty-vocab.txt"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("[UNK]", "a\nb")));
    }
}
