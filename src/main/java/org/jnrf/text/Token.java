package org.jnrf.text;

/**
 * One WordPiece token of a note.
 *
 * @param piece the vocabulary entry ({@code "##ing"} for a word continuation, {@code "[UNK]"} for an unknown word);
 *              always equal to {@code vocabulary.piece(id)}
 * @param id    the vocabulary id
 * @param begin first character of the token in the original note (inclusive)
 * @param end   end of the token in the original note (exclusive); {@code [begin, end)} are exactly the characters
 *              of the original word that this piece was matched on, the whole word for {@code [UNK]}
 */
public record Token(String piece, int id, int begin, int end) {

    /** Prefix that marks a piece continuing the word of the preceding token. */
    public static final String CONTINUATION_PREFIX = "##";

    public Token {
        if (piece == null) {
            throw new IllegalArgumentException("token piece is null");
        }
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("invalid token span [" + begin + ", " + end + ") of " + piece);
        }
    }

    /** True if this token continues the word of the previous token (a {@code ##} piece). */
    public boolean isContinuation() {
        return piece.startsWith(CONTINUATION_PREFIX);
    }

    /** The piece without its {@code ##} continuation prefix. */
    public String surface() {
        return isContinuation() ? piece.substring(CONTINUATION_PREFIX.length()) : piece;
    }

    public int length() {
        return end - begin;
    }
}
