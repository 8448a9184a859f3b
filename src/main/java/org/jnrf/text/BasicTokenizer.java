package org.jnrf.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * BERT's basic tokenization (google-research/bert {@code BasicTokenizer}) with exact offsets into the original note:
 * <ol>
 *   <li>control characters (Unicode Cc), {@code U+FFFD}, lone surrogates and whitespace (Zs, Zl, Zp, tab, CR, LF)
 *       separate words; invisible format characters (Cf: soft hyphen, zero-width space/joiner, BOM) are dropped
 *       without splitting the word they sit in;</li>
 *   <li>every CJK ideograph is a word of its own;</li>
 *   <li>optionally each character is lower-cased, and optionally decomposed (NFD) with its combining marks (Mn)
 *       removed;</li>
 *   <li>every punctuation character (Unicode P* and all non-alphanumeric printable ASCII, so {@code $ + < = > ^ ` | ~}
 *       too) is a word of its own, so {@code "q.i.d."} gives {@code q . i . d .}, {@code "1500 mg/m2"} gives
 *       {@code 1500 mg / m2} and {@code "MTX-induced"} gives {@code MTX - induced}, while {@code "5mg"} stays one word
 *       that WordPiece splits as {@code 5 ##mg}.</li>
 * </ol>
 * One deliberate difference from BERT, which deletes control characters and thereby glues {@code "a\fb"} into one
 * word: here a control character separates words, which is what a page break or vertical tab in a note means.
 * Normalization works one original character at a time, so every normalized character knows the original
 * character it came from ({@link Word#originalSpan}); the only context-dependent mapping, Greek final sigma, is
 * applied from the neighbouring characters. Immutable and thread-safe; linear in the length of the text.
 */
public final class BasicTokenizer {
    private final boolean lowerCase;
    private final boolean stripAccents;

    public BasicTokenizer(boolean lowerCase, boolean stripAccents) {
        this.lowerCase = lowerCase;
        this.stripAccents = stripAccents;
    }

    /** The tokenizer of BERT uncased models: lower-cased, accents stripped. */
    public static BasicTokenizer uncased() {
        return new BasicTokenizer(true, true);
    }

    /** The tokenizer of BERT cased models: text kept as written. */
    public static BasicTokenizer cased() {
        return new BasicTokenizer(false, false);
    }

    public boolean lowerCase() {
        return lowerCase;
    }

    public boolean stripAccents() {
        return stripAccents;
    }

    /** The words of {@code text} in text order, each with its normalized text and original offsets. */
    public List<Word> words(String text) {
        List<Word> words = new ArrayList<>(text.length() / 5 + 1);
        Normalized buffer = new Normalized();
        int chunkStart = -1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isSeparator(cp)) {
                if (chunkStart >= 0) {
                    splitChunk(text, chunkStart, i, buffer, words);
                    chunkStart = -1;
                }
            } else if (isCjkIdeograph(cp)) {
                if (chunkStart >= 0) {
                    splitChunk(text, chunkStart, i, buffer, words);
                    chunkStart = -1;
                }
                splitChunk(text, i, next, buffer, words);
            } else if (chunkStart < 0) {
                chunkStart = i;
            }
            i = next;
        }
        if (chunkStart >= 0) {
            splitChunk(text, chunkStart, n, buffer, words);
        }
        return words;
    }

    /** Normalizes the whitespace-free chunk {@code text[start, end)} and splits it at punctuation into words. */
    private void splitChunk(String text, int start, int end, Normalized out, List<Word> words) {
        out.clear();
        for (int i = start; i < end; ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            normalize(text, start, end, i, cp, next, out);
            i = next;
        }
        int wordStart = 0;
        for (int k = 0; k < out.length; ) {
            int cp = out.chars.codePointAt(k);
            int next = k + Character.charCount(cp);
            if (isPunctuation(cp)) {
                if (wordStart < k) {
                    words.add(out.word(wordStart, k));
                }
                words.add(out.word(k, next));
                wordStart = next;
            }
            k = next;
        }
        if (wordStart < out.length) {
            words.add(out.word(wordStart, out.length));
        }
    }

    /** Appends the normalization of the character {@code cp} at {@code text[at, next)} to {@code out}. */
    private void normalize(String text, int chunkStart, int chunkEnd, int at, int cp, int next, Normalized out) {
        if (cp < 0x80) { // fast path: ASCII has no accents and a one-to-one lower case
            char c = (char) cp;
            out.append(lowerCase && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c, at, next);
            return;
        }
        if (Character.getType(cp) == Character.FORMAT) {
            out.drop(at, next); // invisible: dropped, the word continues
            return;
        }
        String s = Character.toString(cp);
        if (lowerCase) {
            s = cp == 'Σ' && isFinalSigma(text, chunkStart, chunkEnd, at, next) ? "ς" : s.toLowerCase(Locale.ROOT);
        }
        if (stripAccents) {
            s = Normalizer.normalize(s, Normalizer.Form.NFD);
            int before = out.length;
            for (int k = 0; k < s.length(); ) {
                int c = s.codePointAt(k);
                if (Character.getType(c) != Character.NON_SPACING_MARK) {
                    out.append(c, at, next);
                }
                k += Character.charCount(c);
            }
            if (out.length == before) {
                out.drop(at, next); // a combining mark on its own
            }
        } else {
            for (int k = 0; k < s.length(); k++) {
                out.append(s.charAt(k), at, next);
            }
        }
    }

    /** Unicode's Final_Sigma context, simplified to letters: a letter before it and none after it in the chunk. */
    private static boolean isFinalSigma(String text, int chunkStart, int chunkEnd, int at, int next) {
        boolean letterBefore = at > chunkStart && Character.isLetter(text.codePointBefore(at));
        boolean letterAfter = next < chunkEnd && Character.isLetter(text.codePointAt(next));
        return letterBefore && !letterAfter;
    }

    /** Characters between words: whitespace, control characters, U+FFFD and unpaired surrogates. */
    static boolean isSeparator(int cp) {
        if (cp == ' ') {
            return true;
        }
        if (cp < 0x80) {
            return cp < 0x20 || cp == 0x7F;
        }
        return switch (Character.getType(cp)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.CONTROL, Character.SURROGATE -> true;
            default -> cp == 0xFFFD;
        };
    }

    /** BERT's punctuation: all non-alphanumeric printable ASCII and every Unicode P* character. */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        if (cp < 0x80) {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** BERT's CJK ideograph blocks (not Hangul, Hiragana or Katakana, which are written with spaces). */
    static boolean isCjkIdeograph(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    /** Normalized characters of one chunk with the original [begin, end) of the character each came from. */
    private static final class Normalized {
        final StringBuilder chars = new StringBuilder();
        int[] sourceBegin = new int[64];
        int[] sourceEnd = new int[64];
        int length;

        /** Start of dropped characters not yet given to a normalized character, -1 if none. */
        int pendingBegin = -1;
        /** Original begin of the character that takes over the dropped ones, -1 until it is seen. */
        int pendingOwner = -1;

        void clear() {
            chars.setLength(0);
            length = 0;
            pendingBegin = -1;
            pendingOwner = -1;
        }

        /**
         * Records that the original characters [begin, end) normalize to nothing: they join the preceding
         * character's span, or the following one's at the start of the chunk, so that words keep covering them.
         */
        void drop(int begin, int end) {
            if (length == 0) {
                if (pendingBegin < 0) {
                    pendingBegin = begin;
                }
                return;
            }
            int last = sourceBegin[length - 1];
            for (int k = length - 1; k >= 0 && sourceBegin[k] == last; k--) {
                sourceEnd[k] = end;
            }
        }

        void append(int cp, int begin, int end) {
            if (Character.isBmpCodePoint(cp)) {
                append((char) cp, begin, end);
            } else {
                append(Character.highSurrogate(cp), begin, end);
                append(Character.lowSurrogate(cp), begin, end);
            }
        }

        void append(char c, int begin, int end) {
            if (length == sourceBegin.length) {
                sourceBegin = Arrays.copyOf(sourceBegin, length * 2);
                sourceEnd = Arrays.copyOf(sourceEnd, length * 2);
            }
            chars.append(c);
            if (pendingBegin >= 0) {
                if (pendingOwner < 0) {
                    pendingOwner = begin;
                }
                if (begin == pendingOwner) {
                    begin = pendingBegin; // every char of the first kept source character takes the dropped ones
                } else {
                    pendingBegin = -1;
                }
            }
            sourceBegin[length] = begin;
            sourceEnd[length] = end;
            length++;
        }

        /** The word of normalized chars [from, to); its offset map is dropped when it is the identity. */
        Word word(int from, int to) {
            int begin = sourceBegin[from];
            int end = sourceEnd[to - 1];
            boolean identity = end - begin == to - from;
            for (int k = from; identity && k < to; k++) {
                int original = begin + (k - from);
                identity = sourceBegin[k] <= original && original < sourceEnd[k];
            }
            String text = chars.substring(from, to);
            if (identity) {
                return new Word(text, begin, end, null, null);
            }
            return new Word(text, begin, end, Arrays.copyOfRange(sourceBegin, from, to),
                    Arrays.copyOfRange(sourceEnd, from, to));
        }
    }
}
