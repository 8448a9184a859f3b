package org.jnrf.network;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Shape of the network.
 *
 * @param vocabularySize  rows of the embedding table
 * @param embeddingDim    width of the embedding table (may differ from hidden, e.g. pretrained vectors)
 * @param hidden          model width H
 * @param layers          FNet applications N
 * @param expansion       feed-forward width factor (FF width = expansion x H)
 * @param tied            one FNet block applied N times (paper) instead of N blocks
 * @param relationDim     per relation class width K of the bilinear scorer
 * @param distanceScale   token distance that maps to 1 in the signed log distance feature
 * @param dataType        FLOAT for use, DOUBLE for gradient checks
 * @param seed            initialisation seed
 * @param contextWindow   neighbours on each side whose embeddings join a token's input (0: none, as the reference)
 * @param pairFeatures    relation scores also see where the anchor lies among the modifier's anchors (nearest one,
 *                        anchors in between), not only the distance
 * @param contextualEncoder a BERT-family encoder reading the token ids in place of the embedding table, context
 *                        window, input MLP and sinusoidal positions (null: that table path); its width is then
 *                        {@code embeddingDim}, its vocabulary {@code vocabularySize}, and {@code layers} may be 0
 */
public record NetworkConfig(int vocabularySize, int embeddingDim, int hidden, int layers, int expansion, boolean tied,
                            int relationDim, int distanceScale, DataType dataType, long seed, int contextWindow,
                            boolean pairFeatures, ContextualEncoderConfig contextualEncoder) {
    public NetworkConfig {
        if (contextWindow < 0) {
            throw new IllegalArgumentException("contextWindow must not be negative, got " + contextWindow);
        }
        positive("vocabularySize", vocabularySize);
        positive("embeddingDim", embeddingDim);
        positive("hidden", hidden);
        if (contextualEncoder == null) {
            positive("layers", layers);
        } else {
            if (layers < 0) {
                throw new IllegalArgumentException("layers must not be negative, got " + layers);
            }
            if (contextualEncoder.shape().vocabularySize() != vocabularySize
                    || contextualEncoder.shape().width() != embeddingDim) {
                throw new IllegalArgumentException("the contextual encoder reads " + contextualEncoder.shape()
                        .vocabularySize() + " pieces of width " + contextualEncoder.shape().width()
                        + ", the network " + vocabularySize + " of width " + embeddingDim);
            }
            if (contextWindow != 0) {
                throw new IllegalArgumentException("a context window belongs to the embedding-table path; the"
                        + " contextual encoder sees the context itself");
            }
        }
        positive("expansion", expansion);
        positive("relationDim", relationDim);
        positive("distanceScale", distanceScale);
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("dataType must be FLOAT or DOUBLE, not " + dataType);
        }
    }

    /** The embedding-table path (no contextual encoder). */
    public NetworkConfig(int vocabularySize, int embeddingDim, int hidden, int layers, int expansion, boolean tied,
                         int relationDim, int distanceScale, DataType dataType, long seed, int contextWindow,
                         boolean pairFeatures) {
        this(vocabularySize, embeddingDim, hidden, layers, expansion, tied, relationDim, distanceScale, dataType, seed,
                contextWindow, pairFeatures, null);
    }

    /** Without a context window (the reference network). */
    public NetworkConfig(int vocabularySize, int embeddingDim, int hidden, int layers, int expansion, boolean tied,
                         int relationDim, int distanceScale, DataType dataType, long seed) {
        this(vocabularySize, embeddingDim, hidden, layers, expansion, tied, relationDim, distanceScale, dataType, seed,
                0, false);
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    /** The reference configuration (hidden 768, 6 tied layers, FF x3) for a given vocabulary. */
    public static NetworkConfig reference(int vocabularySize) {
        return new NetworkConfig(vocabularySize, 768, 768, 6, 3, true, 768, 64, DataType.FLOAT, 42);
    }
}
