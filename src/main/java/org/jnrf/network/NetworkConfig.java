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
 */
public record NetworkConfig(int vocabularySize, int embeddingDim, int hidden, int layers, int expansion, boolean tied,
                            int relationDim, int distanceScale, DataType dataType, long seed, int contextWindow,
                            boolean pairFeatures) {
    public NetworkConfig {
        if (contextWindow < 0) {
            throw new IllegalArgumentException("contextWindow must not be negative, got " + contextWindow);
        }
        positive("vocabularySize", vocabularySize);
        positive("embeddingDim", embeddingDim);
        positive("hidden", hidden);
        positive("layers", layers);
        positive("expansion", expansion);
        positive("relationDim", relationDim);
        positive("distanceScale", distanceScale);
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("dataType must be FLOAT or DOUBLE, not " + dataType);
        }
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
