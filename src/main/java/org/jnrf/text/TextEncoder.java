package org.jnrf.text;

import java.util.List;

/**
 * Text to network input ({@link EncodedText}), the one path that training and prediction share: WordPiece tokens,
 * their ids and continuation flags, and the line of each token, lines also broken at sentence ends inside a line
 * when the model counts them ({@link TokenLines}) or at sentence begins given by the caller. Immutable and
 * thread-safe.
 */
public final class TextEncoder {
    private final WordPieceTokenizer tokenizer;
    private final boolean sentenceBreaks;
    private final int sentenceRule;

    /** @param sentenceBreaks sentence ends inside a line count as line breaks ({@link TokenLines}, rule 1) */
    public TextEncoder(WordPieceTokenizer tokenizer, boolean sentenceBreaks) {
        this(tokenizer, sentenceBreaks, 1);
    }

    /**
     * @param sentenceBreaks sentence ends inside a line count as line breaks
     * @param sentenceRule   which rule finds them ({@link TokenLines#of(String, List, boolean, int)})
     */
    public TextEncoder(WordPieceTokenizer tokenizer, boolean sentenceBreaks, int sentenceRule) {
        this.tokenizer = tokenizer;
        this.sentenceBreaks = sentenceBreaks;
        this.sentenceRule = sentenceRule;
    }

    public EncodedText encode(String text) {
        return encode(text, null);
    }

    /**
     * @param sentenceBegins the sentences' begin offsets, ascending, each one a line break in place of the
     *                       sentence-end rule; null: the rule (when this encoder counts sentence breaks)
     */
    public EncodedText encode(String text, int[] sentenceBegins) {
        List<Token> tokens = tokenizer.tokenize(text);
        int[] ids = new int[tokens.size()];
        boolean[] continuation = new boolean[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens.get(i).id();
            continuation[i] = tokens.get(i).isContinuation();
        }
        int[] lines = sentenceBegins == null ? TokenLines.of(text, tokens, sentenceBreaks, sentenceRule)
                : TokenLines.of(text, tokens, sentenceBegins);
        return new EncodedText(tokens, ids, continuation, lines);
    }

    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    public boolean sentenceBreaks() {
        return sentenceBreaks;
    }
}
