package org.jnrf.network;

/** Token positions [begin, end) of a document. */
public record TokenRange(int begin, int end) {
    public TokenRange {
        if (begin < 0 || end <= begin) {
            throw new IllegalArgumentException("invalid token range [" + begin + ", " + end + ")");
        }
    }

    public int length() {
        return end - begin;
    }
}
