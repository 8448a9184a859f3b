package org.jnrf.network;

import java.util.List;

import org.jnrf.network.compute.Cache;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The relation class probabilities of one encoded document's (modifier, anchor) pairs, scored in blocks of anchors:
 * a document with thousands of entities has millions of pairs, and scoring them all at once takes memory quadratic
 * in its length. The span projections are computed once; each block costs memory for at most {@link #BLOCK_PAIRS}
 * pairs (or one anchor's pairs, when there are more modifiers than that). A block of all anchors is exactly the
 * one-shot scoring, and blocks only split the pair products into whole output columns, so every pair's
 * probabilities are the same whichever blocks it is scored in.
 *
 * <p>With a {@link PairWindow}, modifiers and anchors are in text order and a block is a run of anchors with the run
 * of modifiers inside their windows: the pairs scored grow with the document's length, not with its square (at most
 * about twice the pairs inside the window, see {@link #blocks()}).
 */
public final class PairScorer {
    /** Pairs scored at once (about 15 MB of working memory per network with the default model's classes). */
    public static final int BLOCK_PAIRS = 1 << 17;

    private final RelationHead head;
    private final JnrfNetwork.Candidates candidates;
    private final List<EntitySpan> modifierSpans;
    private final List<EntitySpan> anchorSpans;
    private final boolean[][] allowedByModifier;
    private final RelationHead.Projections projections;
    private final int[] lineIndex;
    private final PairWindow window;
    private final Cache cache;
    private final List<Block> blocks;

    /**
     * Pairs of the modifiers {@code [modifierFrom, modifierTo)} with the anchors {@code [anchorFrom, anchorTo)},
     * scored together; pair k is modifier modifierFrom + k % m and anchor anchorFrom + k / m (m the modifiers).
     */
    public record Block(int modifierFrom, int modifierTo, int anchorFrom, int anchorTo) {
        public int modifiers() {
            return modifierTo - modifierFrom;
        }

        public long pairs() {
            return (long) modifiers() * (anchorTo - anchorFrom);
        }

        public int modifierOf(int pair) {
            return modifierFrom + pair % modifiers();
        }

        public int anchorOf(int pair) {
            return anchorFrom + pair / modifiers();
        }
    }

    PairScorer(RelationHead head, JnrfNetwork.Candidates candidates, LabelSpace labels, INDArray hidden,
               int[] lineIndex, PairWindow window, Cache cache) {
        this.head = head;
        this.candidates = candidates;
        this.modifierSpans = candidates.modifierSpans();
        this.anchorSpans = candidates.anchorSpans();
        this.allowedByModifier = candidates.allowedByModifier(labels);
        this.lineIndex = lineIndex;
        this.window = window;
        this.cache = cache;
        this.projections = head.project(hidden, modifierSpans, anchorSpans, cache);
        this.blocks = window == null ? allPairBlocks() : WindowBlocks.of(modifierSpans, anchorSpans, lineIndex,
                window, BLOCK_PAIRS);
    }

    private List<Block> allPairBlocks() {
        List<Block> all = new java.util.ArrayList<>();
        for (int from = 0; from < anchorCount(); from += anchorsPerBlock()) {
            all.add(new Block(0, modifierCount(), from, Math.min(anchorCount(), from + anchorsPerBlock())));
        }
        return all;
    }

    /**
     * The blocks to score: without a window every modifier with {@link #anchorsPerBlock()} anchors at a time, in
     * anchor order; with one only the runs that hold the window's pairs.
     */
    public List<Block> blocks() {
        return blocks;
    }

    /** Whether the pair of modifier i and anchor j is to be decided (inside the window, if there is one). */
    public boolean candidate(int i, int j) {
        return window == null || window.contains(modifierSpans.get(i).firstToken(), anchorSpans.get(j).firstToken(),
                lineIndex);
    }

    public int modifierCount() {
        return modifierSpans.size();
    }

    public int anchorCount() {
        return anchorSpans.size();
    }

    /** Anchors per block: as many as fit {@link #BLOCK_PAIRS} pairs, at least one. */
    public int anchorsPerBlock() {
        return Math.max(1, BLOCK_PAIRS / Math.max(1, modifierCount()));
    }

    /** Index of modifier i in the scored entity list. */
    public int modifier(int i) {
        return candidates.modifiers().get(i);
    }

    /** Index of anchor j in the scored entity list. */
    public int anchor(int j) {
        return candidates.anchors().get(j);
    }

    /**
     * Class probabilities (0 = no relation; classes the modifier's type does not allow: 0) of the pairs of every
     * modifier with the anchors {@code [from, to)}, pair i + (j - from) m.
     */
    public double[][] probabilities(int from, int to) {
        if (from < 0 || to > anchorCount() || from >= to) {
            throw new IllegalArgumentException("anchors [" + from + ", " + to + ") of " + anchorCount());
        }
        return probabilities(new Block(0, modifierCount(), from, to));
    }

    /** Class probabilities of a block's pairs, pair k as {@link Block#modifierOf} and {@link Block#anchorOf} say. */
    public double[][] probabilities(Block block) {
        boolean[][] byModifier = block.modifierFrom() == 0 && block.modifierTo() == modifierCount() ? allowedByModifier
                : java.util.Arrays.copyOfRange(allowedByModifier, block.modifierFrom(), block.modifierTo());
        boolean[][] allowed = JnrfNetwork.Candidates.perPair(byModifier, block.anchorTo() - block.anchorFrom());
        return SoftmaxCrossEntropy.probabilities(head.pairLogits(projections, modifierSpans, anchorSpans, lineIndex,
                block.modifierFrom(), block.modifierTo(), block.anchorFrom(), block.anchorTo(), cache), allowed);
    }
}
