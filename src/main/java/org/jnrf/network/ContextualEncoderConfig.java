package org.jnrf.network;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jnrf.network.transformer.BertShape;
import org.jnrf.network.transformer.EncoderWindows;

/**
 * The contextual encoder in front of the Fourier layers (absent: the embedding-table path of the paper).
 *
 * @param shape the encoder's shape, with the layers it keeps (a pretrained model may be cut to its first layers)
 * @param clsId id of [CLS] in the vocabulary, which opens every encoder window
 * @param sepId id of [SEP], which closes every encoder window
 * @param windowMargin on a document longer than one window, the context (pieces) every piece keeps on its poorer
 *                     side at least, which fixes the windows' overlap ({@link EncoderWindows}); absent: an eighth of
 *                     a window, the rule of the first encoder models
 */
public record ContextualEncoderConfig(BertShape shape, int clsId, int sepId,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) Integer windowMargin) {
    public ContextualEncoderConfig(BertShape shape, int clsId, int sepId) {
        this(shape, clsId, sepId, null);
    }

    public ContextualEncoderConfig {
        if (shape == null) {
            throw new IllegalArgumentException("a contextual encoder needs its shape");
        }
        for (int id : new int[]{clsId, sepId}) {
            if (id < 0 || id >= shape.vocabularySize()) {
                throw new IllegalArgumentException("[CLS] / [SEP] id " + id + " outside the encoder's vocabulary of "
                        + shape.vocabularySize());
            }
        }
        if (shape.maxPositions() < 3) {
            throw new IllegalArgumentException("an encoder window of " + shape.maxPositions()
                    + " positions leaves no room beside [CLS] and [SEP]");
        }
        if (windowMargin != null) {
            EncoderWindows.stride(shape.maxPositions() - 2, windowMargin); // refuses a margin the windows cannot keep
        }
    }

    /** The margin in use: {@link #windowMargin}, or an eighth of a window when the file names none. */
    public int margin() {
        return windowMargin != null ? windowMargin : EncoderWindows.firstModelsMargin(shape.maxPositions() - 2);
    }

    /** This configuration with another window margin. */
    public ContextualEncoderConfig withWindowMargin(int margin) {
        return new ContextualEncoderConfig(shape, clsId, sepId, margin);
    }
}
