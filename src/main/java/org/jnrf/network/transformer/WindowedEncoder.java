package org.jnrf.network.transformer;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.compute.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link BertEncoder} over a whole document: the document is read in {@link EncoderWindows}, each window wrapped in
 * [CLS] ... [SEP] as BERT was trained (so a window holds maxPositions - 2 of the document's pieces), and every piece
 * takes its vector from the window where it is most central. The backward pass goes through the same windows: the
 * last window's training activations are kept from the forward pass, every other window is run forward again just
 * before its backward pass (one window's activations in memory at a time, whatever the document's length).
 */
public final class WindowedEncoder {
    private final BertEncoder encoder;
    private final int clsId;
    private final int sepId;
    private final int margin;

    /** As below, with the margin of the first encoder models ({@link EncoderWindows#firstModelsMargin}). */
    public WindowedEncoder(BertEncoder encoder, int clsId, int sepId) {
        this(encoder, clsId, sepId, EncoderWindows.firstModelsMargin(encoder.shape().maxPositions() - 2));
    }

    /**
     * clsId and sepId: the ids of [CLS] and [SEP] in the encoder's vocabulary; margin: the context each piece keeps
     * on its poorer side in a long document ({@link EncoderWindows}).
     */
    public WindowedEncoder(BertEncoder encoder, int clsId, int sepId, int margin) {
        int v = encoder.shape().vocabularySize();
        if (clsId < 0 || clsId >= v || sepId < 0 || sepId >= v) {
            throw new IllegalArgumentException("[CLS] " + clsId + " / [SEP] " + sepId + " outside the vocabulary of "
                    + v);
        }
        if (encoder.shape().maxPositions() < 3) {
            throw new IllegalArgumentException("a window of " + encoder.shape().maxPositions()
                    + " positions leaves no room for pieces beside [CLS] and [SEP]");
        }
        this.encoder = encoder;
        this.clsId = clsId;
        this.sepId = sepId;
        this.margin = margin;
        EncoderWindows.stride(capacity(), margin);
    }

    public BertEncoder encoder() {
        return encoder;
    }

    /** Pieces of the document in one window. */
    public int capacity() {
        return encoder.shape().maxPositions() - 2;
    }

    public int width() {
        return encoder.shape().width();
    }

    /** The windows a document of {@code pieces} pieces is read in. */
    public EncoderWindows windows(int pieces) {
        return EncoderWindows.plan(pieces, capacity(), margin);
    }

    /** The ids the encoder reads for one window: [CLS], the window's pieces, [SEP]. */
    public int[] windowIds(int[] ids, EncoderWindows.Window w) {
        int[] out = new int[w.length() + 2];
        out[0] = clsId;
        System.arraycopy(ids, w.start(), out, 1, w.length());
        out[out.length - 1] = sepId;
        return out;
    }

    /** Hidden states (pieces x width) of the document, in this cache's buffer. */
    public INDArray forward(int[] ids, Cache cache, boolean training) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("empty token sequence");
        }
        EncoderWindows plan = windows(ids.length);
        INDArray out = cache.buffer("y", ids.length, width());
        int last = plan.windows().size() - 1;
        for (int w = 0; w <= last; w++) {
            boolean keep = training && w == last;
            INDArray h = encoder.forward(windowIds(ids, plan.windows().get(w)), null,
                    cache.child(keep ? "train" : "window"), keep);
            copyOwnedRows(cache.kernels(), plan, w, h, out, true);
        }
        cache.keep("ids", ids);
        cache.keep("plan", plan);
        return out;
    }

    /**
     * Copies the rows of the pieces window {@code w} owns between the document's matrix and the window's (whose row
     * 0 is [CLS]): into the document when {@code toDocument}, else into the window.
     */
    private static void copyOwnedRows(Kernels k, EncoderWindows plan, int w, INDArray window, INDArray document,
                                      boolean toDocument) {
        int start = plan.windows().get(w).start();
        for (EncoderWindows.Segment s : plan.segments()) {
            if (s.window() != w) {
                continue;
            }
            long windowRow = s.from() - start + 1;
            if (toDocument) {
                k.copyRows(window, windowRow, document, s.from(), s.to() - s.from());
            } else {
                k.copyRows(document, s.from(), window, windowRow, s.to() - s.from());
            }
        }
    }

    /** Backward pass of a training {@link #forward}: accumulates the encoder's gradients (dy: pieces x width). */
    public void backward(INDArray dy, Cache cache) {
        if (!encoder.trainable()) {
            return;
        }
        int[] ids = cache.kept("ids");
        EncoderWindows plan = cache.kept("plan");
        Cache train = cache.child("train");
        for (int w = plan.windows().size() - 1; w >= 0; w--) {
            int[] windowIds = windowIds(ids, plan.windows().get(w));
            if (w < plan.windows().size() - 1) {
                encoder.forward(windowIds, null, train, true);
            }
            INDArray dWindow = cache.gradBuffer("window", windowIds.length, width()).assign(0);
            copyOwnedRows(train.kernels(), plan, w, dWindow, dy, false);
            encoder.backward(dWindow, train);
        }
    }
}
