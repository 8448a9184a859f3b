package org.jnrf.eval;

/** How a predicted mention must agree with a gold one to count as found. */
public enum MatchMode {
    /** Same type and exactly the same first offset and last offset. */
    STRICT,
    /** Same type and overlapping character ranges. */
    LENIENT;

    /** Whether two ranges agree under this mode; ranges are [begin, end) as in BRAT. */
    boolean spansMatch(int begin, int end, int otherBegin, int otherEnd) {
        return this == STRICT
                ? begin == otherBegin && end == otherEnd
                : begin < otherEnd && otherBegin < end;
    }
}
