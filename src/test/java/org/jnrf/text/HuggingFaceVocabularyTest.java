package org.jnrf.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceVocabularyTest {
    @TempDir
    Path dir;

    private static final String ADDED = """
            [{"id":0,"content":"[PAD]","special":true},{"id":1,"content":"[UNK]","special":true},
             {"id":6,"content":"[MASK]","special":true}]""";
    private static final String VOCAB = """
            {"[PAD]":0,"[UNK]":1,"as":4,"##pi":5,"aspirin":2,"##rin":3}""";

    private static String json(String normalizer, String added, String vocab) {
        return """
                {"version":"1.0","added_tokens":%s,"normalizer":%s,"pre_tokenizer":{"type":"BertPreTokenizer"},
                 "model":{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##",
                          "max_input_chars_per_word":20,"vocab":%s}}""".formatted(added, normalizer, vocab);
    }

    private HuggingFaceVocabulary read(String json) throws IOException {
        return HuggingFaceVocabulary.read(Files.writeString(dir.resolve("tokenizer.json"), json));
    }

    private IOException failure(String json) {
        return assertThrows(IOException.class, () -> read(json));
    }

    @Test
    void piecesInIdOrderWithAddedTokens() throws IOException {
        HuggingFaceVocabulary hf = read(json("""
                {"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,"strip_accents":null,
                 "lowercase":true}""", ADDED, VOCAB));
        assertEquals(List.of("[PAD]", "[UNK]", "aspirin", "##rin", "as", "##pi", "[MASK]"),
                hf.vocabulary().pieces());
        assertEquals(0, hf.vocabulary().paddingId());
        assertEquals(1, hf.vocabulary().unknownId());
        assertEquals(6, hf.vocabulary().maskId());
        assertEquals(20, hf.maxCharsPerWord());
        assertTrue(hf.basicTokenizer().lowerCase());
        assertTrue(hf.basicTokenizer().stripAccents(), "strip_accents null follows lowercase");
        List<Token> tokens = hf.wordPieceTokenizer().tokenize("Áspirin ASPIRIN x aspirinaspirinaspirinasp");
        assertEquals(List.of("aspirin", "aspirin", "[UNK]", "[UNK]"), tokens.stream().map(Token::piece).toList());
        assertEquals(List.of("as", "##pi", "as", "##rin"), hf.wordPieceTokenizer().tokenize("aspi asrin").stream()
                .map(Token::piece).toList());
    }

    @Test
    void normalizerSettings() throws IOException {
        String cased = """
                {"type":"BertNormalizer","lowercase":false,"strip_accents":null}""";
        HuggingFaceVocabulary hf = read(json(cased, ADDED, VOCAB));
        assertFalse(hf.basicTokenizer().lowerCase());
        assertFalse(hf.basicTokenizer().stripAccents());
        hf = read(json("""
                {"type":"BertNormalizer","lowercase":true,"strip_accents":false}""", ADDED, VOCAB));
        assertTrue(hf.basicTokenizer().lowerCase());
        assertFalse(hf.basicTokenizer().stripAccents());
        hf = read(json("""
                {"type":"Sequence","normalizers":[{"type":"NFD"},{"type":"StripAccents"}]}""", ADDED, VOCAB));
        assertFalse(hf.basicTokenizer().lowerCase());
        assertTrue(hf.basicTokenizer().stripAccents());
        hf = read(json("null", ADDED, VOCAB));
        assertFalse(hf.basicTokenizer().lowerCase());
        IOException e = failure(json("""
                {"type":"Sequence","normalizers":[{"type":"NFKC"}]}""", ADDED, VOCAB));
        assertTrue(e.getMessage().contains("normalizer 'NFKC' is not supported"), e.getMessage());
    }

    @Test
    void gapsCollisionsAndDuplicatesAreErrors() {
        Path file = dir.resolve("tokenizer.json");
        IOException e = failure(json("null", "[]", """
                {"[UNK]":0,"a":2}"""));
        assertEquals(file + ": ids run up to 2 for 2 pieces (ids must run from 0 without gaps)", e.getMessage());
        e = failure(json("null", """
                [{"id":0,"content":"[UNK]"}]""", """
                {"[UNK]":0,"a":2}"""));
        assertEquals(file + ": no piece has id 1 (ids must run from 0 to 2 without gaps)", e.getMessage());
        e = failure(json("null", """
                [{"id":1,"content":"[MASK]"}]""", """
                {"[UNK]":0,"a":1}"""));
        assertEquals(file + ": added_tokens gives id 1 to '[MASK]', which already belongs to 'a'", e.getMessage());
        e = failure(json("null", "[]", """
                {"[UNK]":0,"a":1,"a":2}"""));
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON: Duplicate field 'a'"), e.getMessage());
        e = failure(json("null", "[]", """
                {"[UNK]":0,"a":-3}"""));
        assertEquals(file + ": model.vocab gives 'a' the id -3, outside [0, 1)", e.getMessage());
        e = failure(json("null", "[]", """
                {"[PAD]":0,"a":1}"""));
        assertTrue(e.getMessage().contains("no [UNK] entry"), e.getMessage());
    }

    @Test
    void onlyWordPieceWithBertPreTokenization() {
        Path file = dir.resolve("tokenizer.json");
        IOException e = failure(json("null", "[]", "{}").replace("\"WordPiece\"", "\"BPE\""));
        assertEquals(file + ": model.type is 'BPE', only WordPiece tokenizers are supported", e.getMessage());
        e = failure(json("null", "[]", VOCAB).replace("BertPreTokenizer", "ByteLevel"));
        assertEquals(file + ": pre_tokenizer is ByteLevel, only BertPreTokenizer is supported", e.getMessage());
        e = failure(json("null", "[]", VOCAB).replace("\"##\"", "\"@@\""));
        assertEquals(file + ": continuing_subword_prefix is '@@', expected '##'", e.getMessage());
        e = failure("{\"model\": [1, 2");
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON:"), e.getMessage());
    }
}
