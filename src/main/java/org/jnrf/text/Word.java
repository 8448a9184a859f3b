package org.jnrf.text;

import java.util.Arrays;
import java.util.Objects;
import org.jnrf.document.TextSpan;

/**
 * One word of {@link BasicTokenizer}: its normalized text (lower-cased / accent-stripped as configured) and its
 * exact place in the original note, with a map from every normalized character back to the original character it
 * came from, so that any piece of the normalized text can be located in the original note even when normalization
 * changed lengths (accents removed by NFD, {@code İ} lower-cased to two characters, invisible format characters
 * dropped). Immutable.
 */
public final class Word {
    private final String text;
    private final int begin;
    private final int end;
    /** Original [begin, end) of the source character of every normalized char; null when the map is the identity. */
    private final int[] sourceBegin;
    private final int[] sourceEnd;

    Word(String text, int begin, int end, int[] sourceBegin, int[] sourceEnd) {
        this.text = text;
        this.begin = begin;
        this.end = end;
        this.sourceBegin = sourceBegin;
        this.sourceEnd = sourceEnd;
    }

    /** The normalized text the WordPiece vocabulary is matched against. */
    public String text() {
        return text;
    }

    /** Start of the word in the original note (inclusive). */
    public int begin() {
        return begin;
    }

    /** End of the word in the original note (exclusive). */
    public int end() {
        return end;
    }

    public TextSpan span() {
        return new TextSpan(begin, end);
    }

    /**
     * Original offsets {@code [begin, end)} of the normalized characters {@code text()[from, to)}. An original
     * character belongs to the piece that holds the first character of its normalization, so consecutive pieces
     * never overlap and together cover the whole word; a piece made only of the tail of one original character's
     * normalization (a Hangul jamo split off its syllable, say) gets an empty span at that character's end.
     */
    public TextSpan originalSpan(int from, int to) {
        Objects.checkFromToIndex(from, to, text.length());
        if (from == to) {
            throw new IllegalArgumentException("empty range " + from + " of word " + begin + "-" + end);
        }
        if (sourceBegin == null) {
            return new TextSpan(begin + from, begin + to);
        }
        boolean startsSourceChar = from == 0 || sourceBegin[from] != sourceBegin[from - 1];
        int spanBegin = startsSourceChar ? sourceBegin[from] : sourceEnd[from];
        return new TextSpan(spanBegin, Math.max(spanBegin, sourceEnd[to - 1]));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Word w && begin == w.begin && end == w.end && text.equals(w.text)
                && Arrays.equals(sourceBegin, w.sourceBegin) && Arrays.equals(sourceEnd, w.sourceEnd);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, begin, end);
    }

    /** Offsets only: never prints the note's text (clinical data). */
    @Override
    public String toString() {
        return "Word[" + begin + ", " + end + ")";
    }
}
