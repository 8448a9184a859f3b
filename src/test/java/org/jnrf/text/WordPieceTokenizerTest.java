package org.jnrf.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.text.Normalizer;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {
    /** A small vocabulary in BERT's vocab.txt layout (with the usual [unusedN] lines). */
    static final String VOCAB_TXT = String.join("\n",
            "[PAD]", "[unused0]", "[unused1]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
            ".", "/", "-", "(", ")", ",", "a", "b", "d", "i", "m", "q", "x", "2", "4", "5",
            "the", "patient", "un", "##aff", "##able", "##a", "##b", "##l", "##e", "mg", "##mg", "##2", "##4", "##0",
            "1500", "15", "##00", "hour", "mtx", "induced", "in", "##duced", "##ed", "take", "24", "头", "痛", "##s",
            "fibrosis", "ﬁ", "##brosis", "caf", "##e", "##é", "café", "##ing", "dos") + "\n";

    static Vocabulary vocabulary;
    static WordPieceTokenizer uncased;

    @BeforeAll
    static void load() throws IOException {
        vocabulary = Vocabulary.load(new StringReader(VOCAB_TXT));
        uncased = new WordPieceTokenizer(vocabulary, BasicTokenizer.uncased());
    }

    private static String pieces(List<Token> tokens) {
        return tokens.stream().map(Token::piece).collect(Collectors.joining(" "));
    }

    @Test
    void greedyLongestMatchFirst() {
        String note = "The patient: unaffable, take 5mg 1500 mg/m2 MTX-induced 24-hour dosing.";
        List<Token> tokens = uncased.tokenize(note);
        assertEquals("the patient [UNK] un ##aff ##able , take 5 ##mg 1500 mg / m ##2 mtx - induced 24 - hour"
                + " dos ##ing .", pieces(tokens));
        assertOffsetsExact(note, tokens);
        Token aff = tokens.get(4);
        assertEquals(new Token("##aff", vocabulary.id("##aff"), 15, 18), aff);
        Token colon = tokens.get(2);
        assertEquals(vocabulary.unknownId(), colon.id());
        assertEquals(":", note.substring(colon.begin(), colon.end()));
    }

    @Test
    void unsplittableWordIsOneUnknownCoveringTheWord() {
        String note = "un zzz unaffz";
        List<Token> tokens = uncased.tokenize(note);
        assertEquals("un [UNK] [UNK]", pieces(tokens));
        assertEquals(3, tokens.get(1).begin());
        assertEquals(6, tokens.get(1).end());
        assertEquals(7, tokens.get(2).begin());
        assertEquals(13, tokens.get(2).end());
    }

    @Test
    void accentedAndDecomposedWordsMapToOriginalCharacters() {
        String note = "UNAFFÁBLE cafe\u0301 Café";
        List<Token> tokens = uncased.tokenize(note);
        assertEquals("un ##aff ##able caf ##e caf ##e", pieces(tokens));
        assertEquals("ÁBLE", note.substring(tokens.get(2).begin(), tokens.get(2).end()));
        assertEquals("e\u0301", note.substring(tokens.get(4).begin(), tokens.get(4).end()));
        assertEquals("é", note.substring(tokens.get(6).begin(), tokens.get(6).end()));
        assertOffsetsExact(note, tokens);

        List<Token> cased = new WordPieceTokenizer(vocabulary, new BasicTokenizer(true, false)).tokenize("Café");
        assertEquals("café", pieces(cased));
    }

    @Test
    void ligatureEmojiAndCjk() {
        String note = "ﬁbrosis 😀 头痛s";
        List<Token> tokens = uncased.tokenize(note);
        assertEquals("ﬁ ##brosis [UNK] 头 痛 [UNK]", pieces(tokens));
        assertEquals(new Token("[UNK]", vocabulary.unknownId(), 8, 10), tokens.get(2));
        assertEquals(new Token("[UNK]", vocabulary.unknownId(), 13, 14), tokens.get(5));
    }

    @Test
    void overlongWordIsUnknown() {
        String longWord = "a".repeat(WordPieceTokenizer.DEFAULT_MAX_CHARS_PER_WORD + 1);
        String note = "the " + longWord + " the";
        List<Token> tokens = uncased.tokenize(note);
        assertEquals("the [UNK] the", pieces(tokens));
        assertEquals(4, tokens.get(1).begin());
        assertEquals(4 + longWord.length(), tokens.get(1).end());
        assertEquals("a ##a ##a", pieces(new WordPieceTokenizer(vocabulary, BasicTokenizer.uncased(), 3).tokenize("aaa")));
        assertEquals("[UNK]", pieces(new WordPieceTokenizer(vocabulary, BasicTokenizer.uncased(), 2).tokenize("aaa")));
    }

    @Test
    void emptyAndBlankNotes() {
        assertTrue(uncased.tokenize("").isEmpty());
        assertTrue(uncased.tokenize("  \r\n\t ").isEmpty());
    }

    @Test
    void veryLongNoteTokenizesCompletely() {
        String sentence = "The patient, 24-hour 1500 mg/m2 unaffable; MTX-induced\r\n";
        String note = sentence.repeat(200_000 / sentence.length() + 1);
        List<Token> tokens = uncased.tokenize(note);
        List<Token> once = uncased.tokenize(sentence);
        assertEquals(once.size() * (note.length() / sentence.length()), tokens.size());
        assertOffsetsExact(note, tokens);
        String unbroken = "ab".repeat(100_000); // one 200k-character word: [UNK] without quadratic work
        assertEquals(List.of(new Token("[UNK]", vocabulary.unknownId(), 0, unbroken.length())),
                uncased.tokenize(unbroken));
    }

    @Test
    void concurrentUseGivesSameTokens() throws InterruptedException {
        String note = "The patient: unaffable, take 5mg 1500 mg/m2 MTX-induced 24-hour dosing.".repeat(50);
        List<Token> expected = uncased.tokenize(note);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger mismatches = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int r = 0; r < 20; r++) {
                    if (!uncased.tokenize(note).equals(expected)) {
                        mismatches.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, mismatches.get());
    }

    /** Checks every token: ordered, disjoint, and its original characters normalize to its piece. */
    static void assertOffsetsExact(String text, List<Token> tokens) {
        int previousEnd = 0;
        for (Token token : tokens) {
            assertTrue(token.begin() >= previousEnd, () -> "overlap at " + token);
            assertTrue(token.end() <= text.length(), () -> "beyond text: " + token);
            if (!token.piece().equals(Vocabulary.UNK)) {
                String original = text.substring(token.begin(), token.end());
                assertEquals(token.surface(), normalize(original), () -> "offsets of " + token);
            } else {
                assertTrue(token.end() > token.begin(), () -> "empty [UNK] " + token);
            }
            previousEnd = token.end();
        }
    }

    /** Lower case, NFD without combining marks, no invisible format characters: the uncased normalization. */
    static String normalize(String s) {
        String nfd = Normalizer.normalize(s.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder();
        nfd.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK
                && Character.getType(cp) != Character.FORMAT).forEach(out::appendCodePoint);
        return out.toString();
    }
}
