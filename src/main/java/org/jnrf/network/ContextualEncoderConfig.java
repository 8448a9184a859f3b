package org.jnrf.network;

import org.jnrf.network.transformer.BertShape;

/**
 * The contextual encoder in front of the Fourier layers (absent: the embedding-table path of the paper).
 *
 * @param shape the encoder's shape, with the layers it keeps (a pretrained model may be cut to its first layers)
 * @param clsId id of [CLS] in the vocabulary, which opens every encoder window
 * @param sepId id of [SEP], which closes every encoder window
 */
public record ContextualEncoderConfig(BertShape shape, int clsId, int sepId) {
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
    }
}
