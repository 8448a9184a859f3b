package org.jnrf.document;

/** A half-open character range [begin, end) of a document's text. */
public record TextSpan(int begin, int end) implements Comparable<TextSpan> {
    public TextSpan {
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("invalid span [" + begin + ", " + end + ")");
        }
    }

    public int length() {
        return end - begin;
    }

    public boolean overlaps(TextSpan other) {
        return begin < other.end && other.begin < end;
    }

    @Override
    public int compareTo(TextSpan o) {
        return begin != o.begin ? Integer.compare(begin, o.begin) : Integer.compare(end, o.end);
    }
}
