package org.jnrf.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jnrf.document.TextSpan;
import org.junit.jupiter.api.Test;

class BasicTokenizerTest {
    private final BasicTokenizer uncased = BasicTokenizer.uncased();
    private final BasicTokenizer cased = BasicTokenizer.cased();

    private static List<String> texts(List<Word> words) {
        return words.stream().map(Word::text).toList();
    }

    private static List<String> originals(String text, List<Word> words) {
        return words.stream().map(w -> text.substring(w.begin(), w.end())).toList();
    }

    @Test
    void splitsClinicalNotationAtPunctuationOnly() {
        String note = "Take 5mg q.i.d. then 1500 mg/m2; MTX-induced b.i.d 24-hour (x3).";
        List<Word> words = cased.words(note);
        assertEquals(List.of("Take", "5mg", "q", ".", "i", ".", "d", ".", "then", "1500", "mg", "/", "m2", ";", "MTX",
                "-", "induced", "b", ".", "i", ".", "d", "24", "-", "hour", "(", "x3", ")", "."), texts(words));
        assertEquals(texts(words), originals(note, words));
        assertEquals(new TextSpan(5, 8), words.get(1).span());
        assertEquals(new TextSpan(9, 10), words.get(2).span());
    }

    @Test
    void lowerCasingAndAccentStrippingKeepOriginalOffsets() {
        String note = "Patient: Café NAÏVE, cafe\u0301 Müller";
        List<Word> words = uncased.words(note);
        assertEquals(List.of("patient", ":", "cafe", "naive", ",", "cafe", "muller"), texts(words));
        assertEquals(List.of("Patient", ":", "Café", "NAÏVE", ",", "cafe\u0301", "Müller"), originals(note, words));
        Word decomposed = words.get(5);
        // the combining accent belongs to the "e" it follows
        assertEquals(new TextSpan(decomposed.begin() + 3, decomposed.end()), decomposed.originalSpan(3, 4));
        assertEquals(new TextSpan(decomposed.begin(), decomposed.begin() + 3), decomposed.originalSpan(0, 3));
    }

    @Test
    void droppedCharactersStayInsideTheirWord() {
        String note = "\u200Bab\u0301\u00AD c";
        Word word = uncased.words(note).get(0);
        assertEquals("ab", word.text());
        assertEquals(new TextSpan(0, 5), word.span());
        assertEquals(new TextSpan(0, 2), word.originalSpan(0, 1));
        assertEquals(new TextSpan(2, 5), word.originalSpan(1, 2));
    }

    @Test
    void casedKeepsAccentsAndCase() {
        String note = "Café NAÏVE";
        assertEquals(List.of("Café", "NAÏVE"), texts(cased.words(note)));
        assertEquals(List.of("café", "naïve"), texts(new BasicTokenizer(true, false).words(note)));
        assertEquals(List.of("Cafe", "NAIVE"), texts(new BasicTokenizer(false, true).words(note)));
    }

    @Test
    void characterExpandingUnderLowerCaseMapsBack() {
        String note = "xİstanbul y"; // İ lower-cases to i + combining dot above
        Word w = new BasicTokenizer(true, false).words(note).get(0);
        assertEquals("xi\u0307stanbul", w.text());
        assertEquals(new TextSpan(0, 9), w.span());
        assertEquals(new TextSpan(1, 2), w.originalSpan(1, 2));
        assertEquals(new TextSpan(2, 2), w.originalSpan(2, 3)); // tail of İ alone: empty span at its end
        assertEquals(new TextSpan(2, 9), w.originalSpan(3, w.text().length()));
        Word stripped = uncased.words(note).get(0);
        assertEquals("xistanbul", stripped.text());
        assertEquals(new TextSpan(1, 2), stripped.originalSpan(1, 2));
        assertEquals(new TextSpan(2, 9), stripped.originalSpan(2, 9));
    }

    @Test
    void ligaturesSurrogatePairsAndEmoji() {
        String note = "ﬁbrosis 😀 pain😷 𝐀x";
        List<Word> words = uncased.words(note);
        assertEquals(List.of("ﬁbrosis", "😀", "pain😷", "𝐀x"), texts(words));
        assertEquals(texts(words), originals(note, words));
        assertEquals(new TextSpan(8, 10), words.get(1).span());
        assertEquals(new TextSpan(11, 17), words.get(2).span());
    }

    @Test
    void cjkIdeographsAreSingleWords() {
        String note = "服用阿司匹林后 headache头痛";
        List<Word> words = cased.words(note);
        assertEquals(List.of("服", "用", "阿", "司", "匹", "林", "后", "headache", "头", "痛"), texts(words));
        assertEquals(texts(words), originals(note, words));
    }

    @Test
    void controlCharactersSeparateAndFormatCharactersVanish() {
        String note = "a\u0000b\fc\u0007d medi\u00ADca\u200Btion \uFEFF\u200B \uFFFDe";
        List<Word> words = uncased.words(note);
        assertEquals(List.of("a", "b", "c", "d", "medication", "e"), texts(words));
        Word medication = words.get(4);
        assertEquals("medi\u00ADca\u200Btion", note.substring(medication.begin(), medication.end()));
        // a dropped character joins the span of the character before it
        assertEquals(new TextSpan(medication.begin(), medication.begin() + 5), medication.originalSpan(0, 4));
        assertEquals(new TextSpan(medication.begin() + 5, medication.end()), medication.originalSpan(4, 10));
    }

    @Test
    void lineBreaksTabsAndUnicodeSpaces() {
        String note = "line1\r\nline2\tx\u00A0y\u2028z\u3000w";
        List<Word> words = cased.words(note);
        assertEquals(List.of("line1", "line2", "x", "y", "z", "w"), texts(words));
        assertEquals(texts(words), originals(note, words));
        assertEquals(new TextSpan(7, 12), words.get(1).span());
    }

    @Test
    void greekFinalSigma() {
        assertEquals(List.of("οδος", "σα"), texts(new BasicTokenizer(true, false).words("ΟΔΟΣ ΣΑ")));
    }

    @Test
    void emptyAndBlankTexts() {
        assertTrue(uncased.words("").isEmpty());
        assertTrue(uncased.words(" \r\n\t\u00A0 ").isEmpty());
        assertTrue(uncased.words("\u0301").isEmpty()); // a lone accent is stripped to nothing
    }

    @Test
    void unpairedSurrogatesSeparate() {
        String note = "ab\uD800cd\uDC00";
        assertEquals(List.of("ab", "cd"), texts(cased.words(note)));
    }
}
