package org.jnrf.network;

/**
 * Which (modifier, anchor) pairs can be related: those whose first tokens lie at most {@code tokens} word pieces and
 * at most {@code lines} lines (or sentences, with sentence breaks) apart. Learned from the training relations and
 * stored in the model file, so that training (which pairs get relation loss) and prediction (which pairs the relation
 * head scores) apply the same rule; on a long document the candidate pairs then grow with its length, not with its
 * square.
 *
 * @param lines  largest line distance of a candidate pair (0: the same line; {@link #UNBOUNDED}: any)
 * @param tokens largest distance in word pieces between the first tokens of a candidate pair ({@link #UNBOUNDED}:
 *               any)
 */
public record PairWindow(int lines, int tokens) {
    /** A distance the training data gave no bound for. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public PairWindow {
        if (lines < 0 || tokens < 0) {
            throw new IllegalArgumentException("a pair window needs distances of at least 0, got " + lines
                    + " lines and " + tokens + " tokens");
        }
    }

    /**
     * Whether two spans starting at these tokens are a candidate pair.
     *
     * @param lineIndex the line of each token; null: lines unknown, only the token distance counts
     */
    public boolean contains(int modifierToken, int anchorToken, int[] lineIndex) {
        if (Math.abs(modifierToken - anchorToken) > tokens) {
            return false;
        }
        return lineIndex == null || Math.abs(lineIndex[modifierToken] - lineIndex[anchorToken]) <= lines;
    }
}
