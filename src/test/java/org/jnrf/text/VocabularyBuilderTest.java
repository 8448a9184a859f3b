package org.jnrf.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VocabularyBuilderTest {

    @Test
    void specialTokensThenCharactersThenMergesByFrequency() {
        VocabularyBuilder builder = new VocabularyBuilder(BasicTokenizer.uncased(), 1000, 2);
        builder.add("low low low low lower lower newest newest newest widest");
        Vocabulary v = builder.build();
        assertEquals(Vocabulary.SPECIAL_TOKENS, v.pieces().subList(0, 5));
        for (String c : List.of("l", "o", "w", "e", "r", "n", "s", "t", "i", "d")) {
            assertTrue(v.contains(c) && v.contains("##" + c), c);
        }
        // "l ##o" and "##o ##w" both occur 6 times: the tie goes to the lexicographically smaller "##ow"; then "low"
        int firstMerge = 5 + 2 * 10;
        assertEquals("##ow", v.piece(firstMerge));
        assertEquals("low", v.piece(firstMerge + 1));
        assertTrue(v.contains("newest"));
        assertTrue(v.contains("lower"));
        assertTrue(!v.contains("widest"), "a word seen once is not merged at minFrequency 2");
        WordPieceTokenizer tokenizer = new WordPieceTokenizer(v, BasicTokenizer.uncased());
        assertEquals(List.of("w", "##i", "##d", "##est"), tokenizer.tokenize("widest").stream().map(Token::piece).toList());
    }

    @Test
    void sizeLimitsAreRespected() {
        VocabularyBuilder builder = new VocabularyBuilder(BasicTokenizer.uncased(), 30, 1);
        builder.add("low low low low lower lower newest newest newest widest");
        assertEquals(30, builder.build().size());
        VocabularyBuilder charactersOnly = new VocabularyBuilder(BasicTokenizer.uncased(), 1000, 100);
        charactersOnly.add("low low low low lower lower newest newest newest widest");
        assertEquals(5 + 2 * 10, charactersOnly.build().size());
        VocabularyBuilder tooSmall = new VocabularyBuilder(BasicTokenizer.uncased(), 9, 1);
        tooSmall.add("aaaa bbb cc d");
        assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "##a", "b", "##b"),
                tooSmall.build().pieces());
    }

    @Test
    void independentOfTextOrder() {
        List<String> texts = new ArrayList<>();
        Random random = new Random(7);
        String[] words = {"dose", "dosing", "doses", "induced", "reduced", "mtx", "mg", "hour", "hourly", "rash"};
        for (int t = 0; t < 50; t++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 20; w++) {
                text.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : ", ");
            }
            texts.add(text.toString());
        }
        Vocabulary first = build(texts);
        Collections.shuffle(texts, new Random(3));
        assertEquals(first, build(texts));
    }

    private static Vocabulary build(List<String> texts) {
        VocabularyBuilder builder = new VocabularyBuilder(BasicTokenizer.uncased(), 200, 2);
        texts.forEach(builder::add);
        return builder.build();
    }

    @Test
    void pheeVocabularyCoversDevAndKeepsOffsetsExact() {
        VocabularyBuilder builder = new VocabularyBuilder(BasicTokenizer.uncased(), 8000, 2);
        for (Path file : CorpusTexts.files("phee-n2c2/train")) {
            builder.add(CorpusTexts.read(file));
        }
        Vocabulary v = builder.build();
        assertTrue(v.size() > 4000 && v.size() <= 8000, "size " + v.size());
        assertEquals(v, rebuild(), "building is deterministic");

        WordPieceTokenizer tokenizer = new WordPieceTokenizer(v, BasicTokenizer.uncased());
        long tokens = 0;
        long unknown = 0;
        for (Path file : CorpusTexts.files("phee-n2c2/dev")) {
            String text = CorpusTexts.read(file);
            List<Token> doc = tokenizer.tokenize(text);
            WordPieceTokenizerTest.assertOffsetsExact(text, doc);
            tokens += doc.size();
            unknown += doc.stream().filter(t -> t.id() == v.unknownId()).count();
        }
        assertTrue(tokens > 20_000, "tokens " + tokens);
        assertTrue(unknown * 1000 < tokens, "unknown " + unknown + " of " + tokens);
        System.out.println("phee vocabulary " + v.size() + " pieces, dev " + tokens + " tokens, " + unknown + " [UNK]");
    }

    private static Vocabulary rebuild() {
        VocabularyBuilder builder = new VocabularyBuilder(BasicTokenizer.uncased(), 8000, 2);
        for (Path file : CorpusTexts.files("phee-n2c2/train")) {
            builder.add(CorpusTexts.read(file));
        }
        return builder.build();
    }
}
