package org.jnrf.network.transformer;

import java.util.ArrayList;
import java.util.List;

/**
 * How a document of any length is read by an encoder whose windows hold at most {@code capacity} pieces: windows
 * of {@code capacity} pieces that overlap by two margins (stride = capacity - 2 margin), the last one ending at the
 * document's end; a document that fits is one window. Each piece takes its vector from the window where it is most
 * central: the one where it has the most context on its poorer side (ties: the earlier window). So away from the
 * document's ends every piece sees at least a margin of context on both sides, and the cost is about capacity /
 * stride times a single pass: linear in length. The first encoder models used a margin of capacity / 8 (63 pieces
 * for BERT's 510, cost 4/3); a smaller margin reads long documents in fewer windows.
 *
 * @param windows  the windows, [start, end) piece ranges of the document, in order
 * @param segments runs of consecutive pieces that take their vectors from the same window, in order, covering the
 *                 document
 */
public record EncoderWindows(List<Window> windows, List<Segment> segments) {
    /** Pieces [start, end) of the document. */
    public record Window(int start, int end) {
        public int length() {
            return end - start;
        }
    }

    /** Pieces [from, to) take their vectors from window {@code window}. */
    public record Segment(int window, int from, int to) {
    }

    /** {@link #plan(int, int, int)} with the margin of the first encoder models, capacity / 8. */
    public static EncoderWindows plan(int pieces, int capacity) {
        return plan(pieces, capacity, firstModelsMargin(capacity));
    }

    /**
     * The windows of a document of {@code pieces} pieces (at least one) for windows of {@code capacity} pieces that
     * keep at least {@code margin} pieces of context on each side of every piece away from the document's ends.
     */
    public static EncoderWindows plan(int pieces, int capacity, int margin) {
        if (pieces < 1 || capacity < 1) {
            throw new IllegalArgumentException("cannot window " + pieces + " pieces in windows of " + capacity);
        }
        List<Window> windows = new ArrayList<>();
        if (pieces <= capacity) {
            windows.add(new Window(0, pieces));
        } else {
            int stride = stride(capacity, margin);
            for (int s = 0; s + capacity < pieces; s += stride) {
                windows.add(new Window(s, s + capacity));
            }
            windows.add(new Window(pieces - capacity, pieces));
        }
        List<Segment> segments = new ArrayList<>();
        int first = 0; // windows before this one cannot hold the current piece (they are in order)
        int current = -1;
        int from = 0;
        for (int p = 0; p < pieces; p++) {
            while (windows.get(first).end() <= p) {
                first++;
            }
            int best = first;
            int bestContext = context(windows.get(first), p);
            for (int w = first + 1; w < windows.size() && windows.get(w).start() <= p; w++) {
                int c = context(windows.get(w), p);
                if (c > bestContext) {
                    best = w;
                    bestContext = c;
                }
            }
            if (best != current) {
                if (current >= 0) {
                    segments.add(new Segment(current, from, p));
                }
                current = best;
                from = p;
            }
        }
        segments.add(new Segment(current, from, pieces));
        return new EncoderWindows(List.copyOf(windows), List.copyOf(segments));
    }

    /** Pieces of context a model trained since the margin became a setting keeps: windows every 446 of BERT's 510. */
    private static final int NEW_MODELS_MARGIN = 32;

    /** The margin of a model trained now unless a setting names one: 32, or an eighth of a smaller window. */
    public static int newModelsMargin(int capacity) {
        return Math.min(NEW_MODELS_MARGIN, firstModelsMargin(capacity));
    }

    /** The margin of the first encoder models (absent from their files): an eighth of a window. */
    public static int firstModelsMargin(int capacity) {
        return capacity / 8;
    }

    /** Distance between starts of consecutive windows. */
    public static int stride(int capacity, int margin) {
        if (margin < 0 || 2L * margin >= capacity) {
            throw new IllegalArgumentException("a window margin of " + margin + " pieces does not fit windows of "
                    + capacity + " pieces");
        }
        return capacity - 2 * margin;
    }

    /** Pieces of context the piece has in the window on its poorer side. */
    private static int context(Window w, int piece) {
        return Math.min(piece - w.start(), w.end() - 1 - piece);
    }

    /** The window piece {@code piece} takes its vector from. */
    public int owner(int piece) {
        for (Segment s : segments) {
            if (piece >= s.from() && piece < s.to()) {
                return s.window();
            }
        }
        throw new IndexOutOfBoundsException("piece " + piece + " outside the document");
    }
}
