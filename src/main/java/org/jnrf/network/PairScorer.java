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
    private final Cache cache;

    PairScorer(RelationHead head, JnrfNetwork.Candidates candidates, LabelSpace labels, INDArray hidden,
               int[] lineIndex, Cache cache) {
        this.head = head;
        this.candidates = candidates;
        this.modifierSpans = candidates.modifierSpans();
        this.anchorSpans = candidates.anchorSpans();
        this.allowedByModifier = candidates.allowedByModifier(labels);
        this.lineIndex = lineIndex;
        this.cache = cache;
        this.projections = head.project(hidden, modifierSpans, anchorSpans, cache);
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
        boolean[][] allowed = JnrfNetwork.Candidates.perPair(allowedByModifier, to - from);
        return SoftmaxCrossEntropy.probabilities(
                head.pairLogits(projections, modifierSpans, anchorSpans, lineIndex, from, to, cache), allowed);
    }
}
