package org.jnrf.model;

/**
 * A note has more word pieces than the caller's limit: refused before any network memory is taken, so that one
 * huge note cannot exhaust the memory of a whole batch. The message names the counts, never the text.
 */
public final class NoteTooLongException extends RuntimeException {
    private final int wordPieces;
    private final int limit;

    public NoteTooLongException(int wordPieces, int limit) {
        super(wordPieces + " word pieces, more than the limit of " + limit);
        this.wordPieces = wordPieces;
        this.limit = limit;
    }

    public int wordPieces() {
        return wordPieces;
    }

    public int limit() {
        return limit;
    }
}
