package org.jnrf.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Offsets hold on random text made of the hard cases and on long real drug labels. */
class TokenizerInvariantsTest {
    private static final String[] ALPHABET = {
        "a", "b", "e", "M", "G", "5", "0", ".", "-", "/", "(", " ", " ", " ", "\r\n", "\t", "é", "e\u0301", "Ï", "ß",
        "İ", "ﬁ", "Å", "😀", "𝐀", "\u00AD", "\u200B", "\u0000", "\f", "\uFFFD", "服", "林", "한", "국", "ñ", "\u0301",
        "\u00A0", "’", "¿", "°", "µ", "±",
    };

    @Test
    void randomTextTilesEveryWordExactly() {
        Random random = new Random(11);
        for (BasicTokenizer basic : List.of(BasicTokenizer.uncased(), BasicTokenizer.cased(),
                new BasicTokenizer(true, false), new BasicTokenizer(false, true))) {
            for (int doc = 0; doc < 40; doc++) {
                StringBuilder text = new StringBuilder();
                int length = 1 + random.nextInt(300);
                for (int i = 0; i < length; i++) {
                    text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
                }
                String note = text.toString();
                VocabularyBuilder builder = new VocabularyBuilder(basic, 200, 1);
                builder.add(note);
                WordPieceTokenizer tokenizer = new WordPieceTokenizer(builder.build(), basic);
                List<Word> words = basic.words(note);
                List<Token> tokens = tokenizer.tokenize(note);
                assertWordsTiled(note, words, tokens);
                assertTrue(tokens.stream().noneMatch(t -> t.piece().equals(Vocabulary.UNK)), "all characters seen");
            }
        }
    }

    @Test
    void longDrugLabelsKeepExactOffsets() {
        BasicTokenizer basic = BasicTokenizer.uncased();
        VocabularyBuilder builder = new VocabularyBuilder(basic, 3000, 2);
        List<Path> train = CorpusTexts.files("tac2017-brat/train");
        for (Path file : train.subList(0, Math.min(6, train.size()))) {
            builder.add(CorpusTexts.read(file));
        }
        WordPieceTokenizer tokenizer = new WordPieceTokenizer(builder.build(), basic);
        List<Path> dev = CorpusTexts.files("tac2017-brat/dev");
        for (Path file : dev.subList(0, Math.min(4, dev.size()))) {
            String text = CorpusTexts.read(file);
            List<Token> tokens = tokenizer.tokenize(text);
            WordPieceTokenizerTest.assertOffsetsExact(text, tokens);
            assertWordsTiled(text, basic.words(text), tokens);
            assertTrue(tokens.size() > 200, file + ": " + tokens.size() + " tokens");
        }
    }

    /**
     * Groups tokens into words ([UNK] or a word-initial piece plus its ## pieces) and checks each against its basic
     * word: same span, tokens contiguous from its begin to its end, surfaces concatenating to its normalized text.
     */
    static void assertWordsTiled(String note, List<Word> words, List<Token> tokens) {
        List<List<Token>> grouped = new ArrayList<>();
        for (Token token : tokens) {
            if (!token.isContinuation()) {
                grouped.add(new ArrayList<>());
            }
            grouped.get(grouped.size() - 1).add(token);
        }
        assertEquals(words.size(), grouped.size(), "one token group per word");
        for (int w = 0; w < words.size(); w++) {
            Word word = words.get(w);
            List<Token> group = grouped.get(w);
            assertEquals(word.begin(), group.get(0).begin());
            assertEquals(word.end(), group.get(group.size() - 1).end());
            StringBuilder surfaces = new StringBuilder();
            for (int t = 0; t < group.size(); t++) {
                if (t > 0) {
                    assertEquals(group.get(t - 1).end(), group.get(t).begin(), "contiguous pieces");
                }
                surfaces.append(group.get(t).surface());
            }
            if (!group.get(0).piece().equals(Vocabulary.UNK)) {
                assertEquals(word.text(), surfaces.toString());
            }
            if (!group.get(0).piece().equals(Vocabulary.UNK)
                    && word.text().equals(note.substring(word.begin(), word.end()))) {
                for (Token token : group) {
                    assertEquals(token.surface(), note.substring(token.begin(), token.end()));
                }
            }
        }
    }
}
