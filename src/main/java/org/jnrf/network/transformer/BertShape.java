package org.jnrf.network.transformer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a BERT-family encoder and the names of its tensors, which are both the encoder's parameter names and
 * the entries a pretrained model is imported into (so an importer and the encoder agree without knowing each other).
 * Matrices of linear layers are stored (in x out), as {@code layers.Linear} keeps them; biases and LayerNorm gains
 * are (1 x width).
 *
 * @param vocabularySize     rows of the word-piece embedding table
 * @param maxPositions       rows of the position table: the longest window the encoder reads (512 for BERT)
 * @param typeVocabularySize rows of the token-type table (2 for BERT; we always use type 0)
 * @param width              hidden width
 * @param layers             transformer layers
 * @param heads              attention heads (width divisible by heads)
 * @param intermediate       feed-forward width
 * @param layerNormEps       LayerNorm epsilon (1e-12 for BERT)
 */
public record BertShape(int vocabularySize, int maxPositions, int typeVocabularySize, int width, int layers,
                        int heads, int intermediate, double layerNormEps) {
    /** Prefix of every tensor name of the encoder. */
    public static final String PREFIX = "bert.";

    public BertShape {
        positive("vocabularySize", vocabularySize);
        positive("maxPositions", maxPositions);
        positive("typeVocabularySize", typeVocabularySize);
        positive("width", width);
        positive("layers", layers);
        positive("heads", heads);
        positive("intermediate", intermediate);
        if (width % heads != 0) {
            throw new IllegalArgumentException("width " + width + " is not divisible by heads " + heads);
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layerNormEps must be positive, got " + layerNormEps);
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    /** The same encoder with only its first {@code n} layers (a pretrained model cut short). */
    public BertShape withLayers(int n) {
        return new BertShape(vocabularySize, maxPositions, typeVocabularySize, width, n, heads, intermediate,
                layerNormEps);
    }

    public static String wordEmbeddings() {
        return PREFIX + "embeddings.word";
    }

    public static String positionEmbeddings() {
        return PREFIX + "embeddings.position";
    }

    public static String tokenTypeEmbeddings() {
        return PREFIX + "embeddings.tokenType";
    }

    /** Prefix of the embeddings' LayerNorm ({@code .gain}, {@code .bias}). */
    public static String embeddingNorm() {
        return PREFIX + "embeddings.norm";
    }

    /**
     * Prefix of one part of layer {@code layer} (0-based): {@code query}, {@code key}, {@code value},
     * {@code attentionOutput}, {@code intermediate}, {@code output} (linear: {@code .weight}, {@code .bias}) or
     * {@code attentionNorm}, {@code outputNorm} (LayerNorm: {@code .gain}, {@code .bias}).
     */
    public static String layerPart(int layer, String part) {
        return PREFIX + "layer" + layer + "." + part;
    }

    /** Every tensor of the encoder with its (rows, columns), in a fixed order. */
    public Map<String, int[]> tensorShapes() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put(wordEmbeddings(), new int[] {vocabularySize, width});
        shapes.put(positionEmbeddings(), new int[] {maxPositions, width});
        shapes.put(tokenTypeEmbeddings(), new int[] {typeVocabularySize, width});
        norm(shapes, embeddingNorm());
        for (int l = 0; l < layers; l++) {
            for (String part : List.of("query", "key", "value", "attentionOutput")) {
                linear(shapes, layerPart(l, part), width, width);
            }
            norm(shapes, layerPart(l, "attentionNorm"));
            linear(shapes, layerPart(l, "intermediate"), width, intermediate);
            linear(shapes, layerPart(l, "output"), intermediate, width);
            norm(shapes, layerPart(l, "outputNorm"));
        }
        return shapes;
    }

    /** Names of {@link #tensorShapes()}, in order. */
    public List<String> tensorNames() {
        return new ArrayList<>(tensorShapes().keySet());
    }

    private void linear(Map<String, int[]> shapes, String prefix, int in, int out) {
        shapes.put(prefix + ".weight", new int[] {in, out});
        shapes.put(prefix + ".bias", new int[] {1, out});
    }

    private void norm(Map<String, int[]> shapes, String prefix) {
        shapes.put(prefix + ".gain", new int[] {1, width});
        shapes.put(prefix + ".bias", new int[] {1, width});
    }
}
