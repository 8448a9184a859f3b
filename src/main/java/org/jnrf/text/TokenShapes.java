package org.jnrf.text;

import java.util.List;

/**
 * Orthographic shape of each token, as a small fixed id space for an extra embedding: what WordPiece ids lose
 * (case, after lower-casing) or spread over many ids (numbers), and where the token sits in the layout of the note.
 * A shape combines, from the token's ORIGINAL characters:
 * <ul>
 *   <li>{@link Content}: letters, digits, letters and digits, punctuation, or other (symbols, emoji);</li>
 *   <li>{@link Casing}: lower, UPPER (two or more letters), Title (first letter upper, others lower, or a single
 *       capital), MiXed, or none (no cased letters);</li>
 *   <li>{@link Position}: a {@code ##} continuation, a word glued to the previous one ({@code 5 "mg"}, the {@code .}
 *       of {@code q.i.d.}), a word after spaces, or a word that starts a line (or the note).</li>
 * </ul>
 * Id 0 is reserved for padding; ids are {@code 1 + (position x 5 + content) x 5 + casing}, below {@link #SIZE}.
 */
public final class TokenShapes {
    public static final int PADDING_ID = 0;
    /** Number of shape ids, padding included. */
    public static final int SIZE = 1 + Position.values().length * Content.values().length * Casing.values().length;

    /** What kind of characters the token is made of. */
    public enum Content { LETTERS, DIGITS, ALPHANUMERIC, PUNCTUATION, OTHER }

    /** Letter case of the token's letters. */
    public enum Casing { LOWER, UPPER, TITLE, MIXED, NONE }

    /** Where the token sits relative to the previous one. */
    public enum Position { CONTINUATION, GLUED, SPACED, LINE_START }

    private TokenShapes() {
    }

    /** The shape id of every token of {@code note}, in token order. */
    public static int[] shapeIds(String note, List<Token> tokens) {
        int[] ids = new int[tokens.size()];
        int previousEnd = 0;
        for (int t = 0; t < tokens.size(); t++) {
            Token token = tokens.get(t);
            if (token.end() > note.length()) {
                throw new IllegalArgumentException("token " + t + " ends at " + token.end()
                        + ", beyond the note's " + note.length() + " characters");
            }
            Position position = position(note, token, t == 0 ? -1 : previousEnd);
            ids[t] = id(position, content(note, token.begin(), token.end()), casing(note, token.begin(), token.end()));
            previousEnd = token.end();
        }
        return ids;
    }

    public static int id(Position position, Content content, Casing casing) {
        return 1 + (position.ordinal() * Content.values().length + content.ordinal()) * Casing.values().length
                + casing.ordinal();
    }

    /** A readable name of a shape id, for diagnostics: {@code "SPACED/LETTERS/TITLE"}. */
    public static String describe(int id) {
        if (id == PADDING_ID) {
            return "PADDING";
        }
        if (id < 0 || id >= SIZE) {
            throw new IllegalArgumentException("no shape id " + id);
        }
        int rest = id - 1;
        Casing casing = Casing.values()[rest % Casing.values().length];
        rest /= Casing.values().length;
        Content content = Content.values()[rest % Content.values().length];
        Position position = Position.values()[rest / Content.values().length];
        return position + "/" + content + "/" + casing;
    }

    private static Position position(String note, Token token, int previousEnd) {
        if (token.isContinuation()) {
            return Position.CONTINUATION;
        }
        if (previousEnd < 0) {
            return Position.LINE_START;
        }
        if (previousEnd == token.begin()) {
            return Position.GLUED;
        }
        for (int i = previousEnd; i < token.begin(); i++) {
            char c = note.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                return Position.LINE_START;
            }
        }
        return Position.SPACED;
    }

    private static Content content(String note, int begin, int end) {
        boolean letters = false;
        boolean digits = false;
        boolean punctuation = false;
        boolean other = false;
        for (int i = begin; i < end; ) {
            int cp = note.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.FORMAT
                    || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                continue; // accents and invisible characters go with their letter
            }
            if (Character.isLetter(cp)) {
                letters = true;
            } else if (Character.isDigit(cp)) {
                digits = true;
            } else if (BasicTokenizer.isPunctuation(cp)) {
                punctuation = true;
            } else {
                other = true;
            }
        }
        if (other || (punctuation && (letters || digits))) {
            return Content.OTHER;
        }
        if (punctuation) {
            return Content.PUNCTUATION;
        }
        if (letters && digits) {
            return Content.ALPHANUMERIC;
        }
        if (letters) {
            return Content.LETTERS;
        }
        return digits ? Content.DIGITS : Content.OTHER;
    }

    private static Casing casing(String note, int begin, int end) {
        int upper = 0;
        int lower = 0;
        boolean firstCasedIsUpper = false;
        for (int i = begin; i < end; ) {
            int cp = note.codePointAt(i);
            i += Character.charCount(cp);
            boolean isUpper = Character.isUpperCase(cp) || Character.isTitleCase(cp);
            boolean isLower = Character.isLowerCase(cp);
            if (isUpper && upper + lower == 0) {
                firstCasedIsUpper = true;
            }
            upper += isUpper ? 1 : 0;
            lower += isLower ? 1 : 0;
        }
        if (upper + lower == 0) {
            return Casing.NONE;
        }
        if (upper == 0) {
            return Casing.LOWER;
        }
        if (lower == 0) {
            return upper == 1 ? Casing.TITLE : Casing.UPPER;
        }
        return firstCasedIsUpper && upper == 1 ? Casing.TITLE : Casing.MIXED;
    }
}
