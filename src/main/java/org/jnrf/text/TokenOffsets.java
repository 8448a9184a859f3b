package org.jnrf.text;

import java.util.List;

/**
 * Character offsets of a note's tokens, for moving between character spans (entity mentions) and token indices in
 * both directions: which tokens a mention covers when encoding training labels, and which characters a predicted
 * token range covers when decoding. Relies on what {@link WordPieceTokenizer} guarantees: tokens in text order,
 * non-overlapping, so that begins and ends are both non-decreasing. Immutable.
 */
public final class TokenOffsets {
    private final int[] begins;
    private final int[] ends;

    public TokenOffsets(List<Token> tokens) {
        begins = new int[tokens.size()];
        ends = new int[tokens.size()];
        for (int t = 0; t < begins.length; t++) {
            begins[t] = tokens.get(t).begin();
            ends[t] = tokens.get(t).end();
            if (t > 0 && (begins[t] < ends[t - 1])) {
                throw new IllegalArgumentException("token " + t + " at " + begins[t] + " overlaps or precedes token "
                        + (t - 1) + " ending at " + ends[t - 1]);
            }
        }
    }

    public int size() {
        return begins.length;
    }

    public int begin(int token) {
        return begins[token];
    }

    public int end(int token) {
        return ends[token];
    }

    /**
     * The tokens that share at least one character with {@code [begin, end)}: {@code {from, to}}, from inclusive,
     * to exclusive; {@code from == to} (the insertion point) when none does.
     */
    public int[] overlapping(int begin, int end) {
        if (end < begin) {
            throw new IllegalArgumentException("invalid span [" + begin + ", " + end + ")");
        }
        int from = firstAbove(ends, begin);   // first token ending after begin
        int to = firstAtLeast(begins, end);   // first token starting at or after end
        if (to < from) {
            to = from;
        }
        while (from < to && begins[from] == ends[from]) {
            from++; // an empty token (tail of a decomposed character) shares no character
        }
        while (to > from && begins[to - 1] == ends[to - 1]) {
            to--;
        }
        return new int[] {from, to};
    }

    /** True if {@code [begin, end)} starts at a token's begin and ends at a token's end. */
    public boolean isTokenBoundary(int begin, int end) {
        int[] range = overlapping(begin, end);
        return range[0] < range[1] && begins[range[0]] == begin && ends[range[1] - 1] == end;
    }

    /** The characters covered by tokens {@code [from, to)}: {@code {begin, end}}. */
    public int[] characters(int from, int to) {
        if (from < 0 || to > begins.length || from >= to) {
            throw new IndexOutOfBoundsException("token range [" + from + ", " + to + ") of " + begins.length);
        }
        return new int[] {begins[from], ends[to - 1]};
    }

    private static int firstAbove(int[] sorted, int value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] > value) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static int firstAtLeast(int[] sorted, int value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] >= value) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
