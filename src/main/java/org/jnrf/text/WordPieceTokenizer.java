package org.jnrf.text;

import java.util.ArrayList;
import java.util.List;
import org.jnrf.document.TextSpan;

/**
 * BERT's WordPiece tokenization: every word of the {@link BasicTokenizer} is split greedily, longest vocabulary piece
 * first, into a word-initial piece followed by {@code ##} continuation pieces. A word that cannot be split completely,
 * or that is longer than {@code maxCharsPerWord} code points, becomes one {@code [UNK]} token covering the whole word.
 * Every token carries the exact original offsets of the characters it was matched on. Longest matches are found by
 * walking a character trie of the vocabulary, so tokenization is linear in the note length for bounded word
 * lengths. Immutable and thread-safe.
 */
public final class WordPieceTokenizer {
    /** BERT's {@code max_input_chars_per_word}. */
    public static final int DEFAULT_MAX_CHARS_PER_WORD = 100;

    private final Vocabulary vocabulary;
    private final BasicTokenizer basic;
    private final int maxCharsPerWord;
    private final PieceTrie trie;

    public WordPieceTokenizer(Vocabulary vocabulary, BasicTokenizer basic) {
        this(vocabulary, basic, DEFAULT_MAX_CHARS_PER_WORD);
    }

    public WordPieceTokenizer(Vocabulary vocabulary, BasicTokenizer basic, int maxCharsPerWord) {
        if (maxCharsPerWord < 1) {
            throw new IllegalArgumentException("maxCharsPerWord must be positive: " + maxCharsPerWord);
        }
        this.vocabulary = vocabulary;
        this.basic = basic;
        this.maxCharsPerWord = maxCharsPerWord;
        this.trie = vocabulary.trie();
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public BasicTokenizer basicTokenizer() {
        return basic;
    }

    public int maxCharsPerWord() {
        return maxCharsPerWord;
    }

    /** The WordPiece tokens of {@code text} in text order; empty for an empty or blank text. */
    public List<Token> tokenize(String text) {
        List<Word> words = basic.words(text);
        List<Token> tokens = new ArrayList<>(words.size() + words.size() / 4);
        int[] id = new int[1];
        for (Word word : words) {
            split(word, tokens, id);
        }
        return tokens;
    }

    /** The WordPiece tokens of one word (from {@link BasicTokenizer#words}). */
    public List<Token> tokenize(Word word) {
        List<Token> tokens = new ArrayList<>(2);
        split(word, tokens, new int[1]);
        return tokens;
    }

    private void split(Word word, List<Token> out, int[] id) {
        String chars = word.text();
        int length = chars.length();
        if (length > maxCharsPerWord && chars.codePointCount(0, length) > maxCharsPerWord) {
            out.add(unknown(word));
            return;
        }
        int sizeBefore = out.size();
        int start = 0;
        while (start < length) {
            int end = trie.longestMatch(start > 0, chars, start, length, id);
            if (end < 0) {
                out.subList(sizeBefore, out.size()).clear();
                out.add(unknown(word));
                return;
            }
            TextSpan span = word.originalSpan(start, end);
            out.add(new Token(vocabulary.piece(id[0]), id[0], span.begin(), span.end()));
            start = end;
        }
    }

    private Token unknown(Word word) {
        int unk = vocabulary.unknownId();
        return new Token(vocabulary.piece(unk), unk, word.begin(), word.end());
    }
}
