package org.jnrf.network;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.compute.HostMemory;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.layers.Gelu;
import org.jnrf.network.layers.Init;
import org.jnrf.network.layers.Linear;
import org.jnrf.network.layers.Param;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Relation scorer over (modifier, anchor) span pairs. Spans are mean-pooled from the encoder output, passed through a
 * span encoder (Linear + GELU), then projected per side: P = gelu(r_mod W + bW), Q = gelu(r_anc U + bU), both
 * (spans x R K). For each class r (0 = no relation):
 * {@code s_r(i, j) = <P_i[rK..rK+K), Q_j[rK..rK+K)> + a_r d^2 + b_r d + c_r}, d = sign(t_i - t_j) ln(1 + |t_i - t_j|)
 * / ln(1 + scale) with t the first token of each span: signed, bounded for any document length, 1 at the configured
 * scale. Only modifier x anchor pairs are scored. Pair p = i + j m (modifier i, anchor j; column-major).
 * <p>With pair features, {@code + e_r [j is the anchor nearest to i] + f_r ln(1 + anchors between i and j)
 * + g_r ln(1 + line breaks between i and j)}: the distance alone cannot tell a modifier's own drug from a
 * nearer-looking one with another drug or a line break (a new sentence, list item or section) in between.
 */
public final class RelationHead {
    private final Linear spanEncoder;
    private final Linear modifierProjection;
    private final Linear anchorProjection;
    private final Param poly;
    private final Param rank;
    private static final int RANK_FEATURES = 3;
    private final int classes;
    private final int width;
    private final double distanceNorm;

    public RelationHead(int hidden, int classes, int width, int distanceScale, Init init) {
        this(hidden, classes, width, distanceScale, false, init);
    }

    public RelationHead(int hidden, int classes, int width, int distanceScale, boolean pairFeatures, Init init) {
        this.classes = classes;
        this.width = width;
        this.distanceNorm = Math.log1p(distanceScale);
        this.spanEncoder = new Linear("relation.span", hidden, hidden, init);
        this.modifierProjection = new Linear("relation.modifier", hidden, classes * width, init);
        this.anchorProjection = new Linear("relation.anchor", hidden, classes * width, init);
        this.poly = Param.dense("relation.distance", init.constant(0, 3, classes));
        this.rank = pairFeatures ? Param.dense("relation.rank", init.constant(0, RANK_FEATURES, classes)) : null;
    }

    public List<Param> params() {
        List<Param> p = new ArrayList<>(spanEncoder.params());
        p.addAll(modifierProjection.params());
        p.addAll(anchorProjection.params());
        p.add(poly);
        if (rank != null) {
            p.add(rank);
        }
        return p;
    }

    double distanceFeature(EntitySpan modifier, EntitySpan anchor) {
        int d = modifier.firstToken() - anchor.firstToken();
        return Math.signum(d) * Math.log1p(Math.abs(d)) / distanceNorm;
    }

    /** Logits (m a x classes); m and a must both be positive. */
    public INDArray forward(INDArray tokens, List<EntitySpan> modifiers, List<EntitySpan> anchors, Cache cache) {
        return forward(tokens, modifiers, anchors, null, cache);
    }

    /** As {@link #forward(INDArray, List, List, Cache)}; lineIndex: the line of each token (null: unknown). */
    public INDArray forward(INDArray tokens, List<EntitySpan> modifiers, List<EntitySpan> anchors, int[] lineIndex,
                            Cache cache) {
        Projections spans = project(tokens, modifiers, anchors, cache);
        return pairLogits(spans, modifiers, anchors, lineIndex, 0, anchors.size(), cache);
    }

    /**
     * What the pair scores need of the spans, computed once per document: the per-side projections P (m x R K) and
     * Q (a x R K), and with pair features each modifier's nearest anchor and the anchors' first tokens, sorted.
     */
    record Projections(INDArray p, INDArray q, int[] nearestAnchor, int[] sortedAnchorStarts) {
    }

    /** The spans' projections (m and a both positive); kept for the backward pass. */
    Projections project(INDArray tokens, List<EntitySpan> modifiers, List<EntitySpan> anchors, Cache cache) {
        int m = modifiers.size();
        int a = anchors.size();
        List<EntitySpan> all = new ArrayList<>(modifiers);
        all.addAll(anchors);
        INDArray pooled = SpanPooling.forward(tokens, all, cache.child("pool"));
        INDArray r = spanEncoder.forward(pooled, cache.child("span"));
        r = Gelu.forward(r, cache.child("spanAct"));
        INDArray rMod = r.get(NDArrayIndex.interval(0, m), NDArrayIndex.all());
        INDArray rAnc = r.get(NDArrayIndex.interval(m, m + a), NDArrayIndex.all());
        INDArray p = Gelu.forward(modifierProjection.forward(rMod, cache.child("mod")), cache.child("modAct"));
        INDArray q = Gelu.forward(anchorProjection.forward(rAnc, cache.child("anc")), cache.child("ancAct"));
        cache.keep("p", p);
        cache.keep("q", q);
        cache.keep("m", m);
        cache.keep("a", a);
        return rank == null ? new Projections(p, q, null, null)
                : new Projections(p, q, nearestAnchors(modifiers, anchors),
                        anchors.stream().mapToInt(EntitySpan::firstToken).sorted().toArray());
    }

    /**
     * Logits of the pairs of every modifier with the anchors {@code [from, to)}: ((to - from) m x classes), pair
     * i + (j - from) m. A caller may score a document's pairs in blocks of anchors this way, so that memory stays
     * bounded however many entities it has; over all anchors at once they are what the backward pass needs.
     */
    INDArray pairLogits(Projections spans, List<EntitySpan> modifiers, List<EntitySpan> anchors, int[] lineIndex,
                        int from, int to, Cache cache) {
        return pairLogits(spans, modifiers, anchors, lineIndex, 0, modifiers.size(), from, to, cache);
    }

    /**
     * As {@link #pairLogits(Projections, List, List, int[], int, int, Cache)} for the modifiers
     * {@code [modifierFrom, modifierTo)} only: pair (i - modifierFrom) + (j - from) m with m the modifiers scored (a
     * pair window's pairs of a few anchors are a run of modifiers when both are in text order).
     */
    INDArray pairLogits(Projections spans, List<EntitySpan> modifiers, List<EntitySpan> anchors, int[] lineIndex,
                        int modifierFrom, int modifierTo, int from, int to, Cache cache) {
        int m = modifierTo - modifierFrom;
        int a = to - from;
        long pairs = (long) m * a;
        INDArray logits = cache.buffer("logits", pairs, classes);
        INDArray q = from == 0 && to == anchors.size() ? spans.q()
                : spans.q().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        INDArray p = modifierFrom == 0 && modifierTo == modifiers.size() ? spans.p()
                : spans.p().get(NDArrayIndex.interval(modifierFrom, modifierTo), NDArrayIndex.all());
        for (int c = 0; c < classes; c++) {
            // column c of the 'f'-order logits is one contiguous (m x a) block: the GEMM writes straight into it
            cache.kernels().gemm(slice(p, c), slice(q, c), pairBlock(logits, c, m, a), false, true, 1.0, 0.0);
        }
        double[] feat = new double[(int) pairs * 3];
        for (int j = 0; j < a; j++) {
            for (int i = 0; i < m; i++) {
                int pair = i + j * m;
                double d = distanceFeature(modifiers.get(modifierFrom + i), anchors.get(from + j));
                feat[pair] = d * d;
                feat[(int) pairs + pair] = d;
                feat[2 * (int) pairs + pair] = 1;
            }
        }
        INDArray features = copied(feat, cache.buffer("features", pairs, 3));
        cache.kernels().gemm(features, poly.value(), logits, false, false, 1.0, 1.0);
        cache.keep("features", features);
        if (rank != null) {
            INDArray rankFeatures = copied(rankFeatureValues(modifiers, anchors, lineIndex, spans, modifierFrom,
                            modifierTo, from, to),
                    cache.buffer("rankFeatures", pairs, RANK_FEATURES));
            cache.kernels().gemm(rankFeatures, rank.value(), logits, false, false, 1.0, 1.0);
            cache.keep("rankFeatures", rankFeatures);
        }
        return logits;
    }

    /**
     * Host-made values (column-major, the buffer's length) in a reused buffer: written straight into a float buffer's
     * memory, else through temporary arrays freed at once (a document scored in many blocks would otherwise leave
     * native memory behind per block until the next garbage collection).
     */
    private static INDArray copied(double[] feat, INDArray buffer) {
        if (HostMemory.plainFloat(buffer)) {
            float[] f = new float[feat.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) feat[i];
            }
            HostMemory.write(f, buffer);
            return buffer;
        }
        INDArray values = Nd4j.create(feat, buffer.shape(), 'f');
        INDArray cast = values.castTo(buffer.dataType());
        buffer.assign(cast);
        Scratch.release(cast);
        if (cast != values) {
            Scratch.release(values);
        }
        return buffer;
    }

    /**
     * (pairs x 3): [anchor j is the one nearest to modifier i], ln(1 + anchors strictly between them),
     * ln(1 + line breaks between their first tokens) (0 when lines are unknown).
     */
    static INDArray rankFeatures(List<EntitySpan> modifiers, List<EntitySpan> anchors, int[] lineIndex) {
        Projections spans = new Projections(null, null, nearestAnchors(modifiers, anchors),
                anchors.stream().mapToInt(EntitySpan::firstToken).sorted().toArray());
        return Nd4j.create(rankFeatureValues(modifiers, anchors, lineIndex, spans, 0, modifiers.size(), 0,
                anchors.size()), new long[]{(long) modifiers.size() * anchors.size(), RANK_FEATURES}, 'f');
    }

    /** Index of each modifier's nearest anchor by first token (the first of equally near ones). */
    private static int[] nearestAnchors(List<EntitySpan> modifiers, List<EntitySpan> anchors) {
        int[] nearestAnchor = new int[modifiers.size()];
        for (int i = 0; i < modifiers.size(); i++) {
            int t = modifiers.get(i).firstToken();
            int nearest = 0;
            for (int j = 1; j < anchors.size(); j++) {
                if (Math.abs(anchors.get(j).firstToken() - t) < Math.abs(anchors.get(nearest).firstToken() - t)) {
                    nearest = j;
                }
            }
            nearestAnchor[i] = nearest;
        }
        return nearestAnchor;
    }

    /**
     * The rank features of the pairs of modifiers [modifierFrom, modifierTo) with anchors [from, to), pair
     * (i - modifierFrom) + (j - from) m.
     */
    private static double[] rankFeatureValues(List<EntitySpan> modifiers, List<EntitySpan> anchors,
                                              int[] lineIndex, Projections spans, int modifierFrom,
                                              int modifierTo, int from, int to) {
        int m = modifierTo - modifierFrom;
        int a = to - from;
        int[] starts = spans.sortedAnchorStarts();
        double[] feat = new double[RANK_FEATURES * m * a];
        for (int i = 0; i < m; i++) {
            int t = modifiers.get(modifierFrom + i).firstToken();
            for (int k = 0; k < a; k++) {
                int j = from + k;
                int u = anchors.get(j).firstToken();
                int between = countBetween(starts, Math.min(t, u), Math.max(t, u));
                feat[i + k * m] = j == spans.nearestAnchor()[modifierFrom + i] ? 1 : 0;
                feat[m * a + i + k * m] = Math.log1p(between);
                if (lineIndex != null) {
                    feat[2 * m * a + i + k * m] = Math.log1p(Math.abs(lineIndex[t] - lineIndex[u]));
                }
            }
        }
        return feat;
    }

    /** Sorted values strictly between lo and hi. */
    private static int countBetween(int[] sorted, int lo, int hi) {
        return Math.max(0, firstAtLeast(sorted, hi) - firstAtLeast(sorted, lo + 1));
    }

    /** Index of the first value at least v in an ascending array (its length when none). */
    static int firstAtLeast(int[] sorted, long v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Column c of an 'f'-order (m a x classes) matrix as an (m x a) 'f'-order view. */
    private static INDArray pairBlock(INDArray pairsByClass, int c, int m, int a) {
        return pairsByClass.getColumn(c).reshape('f', m, a);
    }

    private INDArray slice(INDArray x, int c) {
        return x.get(NDArrayIndex.all(), NDArrayIndex.interval((long) c * width, (long) (c + 1) * width));
    }

    /** Adds the gradient with respect to the encoder output into tokenGrad (L x H). */
    public void backward(INDArray dLogits, INDArray tokenGrad, Cache cache) {
        int m = cache.kept("m");
        int a = cache.kept("a");
        INDArray p = cache.kept("p");
        INDArray q = cache.kept("q");
        INDArray features = cache.kept("features");
        cache.kernels().gemm(features, dLogits, poly.grad(), true, false, 1.0, 1.0);
        if (rank != null) {
            cache.kernels().gemm(cache.<INDArray>kept("rankFeatures"), dLogits, rank.grad(), true, false, 1.0, 1.0);
        }
        INDArray dp = cache.buffer("dp", m, (long) classes * width);
        INDArray dq = cache.buffer("dq", a, (long) classes * width);
        for (int c = 0; c < classes; c++) {
            // class slices of 'f'-order matrices are contiguous blocks: GEMMs read and write them in place
            INDArray block = pairBlock(dLogits, c, m, a);
            cache.kernels().gemm(block, slice(q, c), slice(dp, c), false, false, 1.0, 0.0);
            cache.kernels().gemm(block, slice(p, c), slice(dq, c), true, false, 1.0, 0.0);
        }
        INDArray drMod = modifierProjection.backward(Gelu.backward(dp, cache.child("modAct")), cache.child("mod"), true);
        INDArray drAnc = anchorProjection.backward(Gelu.backward(dq, cache.child("ancAct")), cache.child("anc"), true);
        INDArray dr = cache.buffer("dr", m + a, drMod.columns());
        dr.get(NDArrayIndex.interval(0, m), NDArrayIndex.all()).assign(drMod);
        dr.get(NDArrayIndex.interval(m, m + a), NDArrayIndex.all()).assign(drAnc);
        INDArray dPooled = spanEncoder.backward(Gelu.backward(dr, cache.child("spanAct")), cache.child("span"), true);
        SpanPooling.backward(dPooled, tokenGrad, cache.child("pool"));
    }
}
