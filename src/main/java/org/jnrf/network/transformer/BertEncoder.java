package org.jnrf.network.transformer;

import org.jnrf.network.compute.Cache;
import org.jnrf.network.layers.Embedding;
import org.jnrf.network.layers.Init;
import org.jnrf.network.layers.LayerNorm;
import org.jnrf.network.layers.Param;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BERT-family encoder over one window of at most {@code maxPositions} pieces: word + position + token-type (always
 * type 0) embeddings, LayerNorm, then {@link TransformerLayer}s. Parameters are named by {@link BertShape}; the three
 * tables are row-sparse (only the rows a window touches get gradients and Adam updates).
 */
public final class BertEncoder {
    /** Added to the attention scores of a masked key. */
    public static final double MASKED = -1e30;
    private static final Pattern LAYER = Pattern.compile("^" + Pattern.quote(BertShape.PREFIX) + "layer(\\d+)\\.");

    private final BertShape shape;
    private final Embedding word;
    private final Embedding position;
    private final Embedding tokenType;
    private final LayerNorm embeddingNorm;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final List<Param> params = new ArrayList<>();
    /** Layers from this index up are fine-tuned (shape.layers(): none); the embeddings only when it is 0. */
    private int firstTrainable;
    private boolean embeddingsTrainable = true;

    /** Random weights (BERT's scheme for the tables: normal, std 0.02; Linear's default for the layers). */
    public BertEncoder(BertShape shape, Init init) {
        this.shape = shape;
        this.word = Embedding.named(BertShape.wordEmbeddings(),
                init.normal(0.02, shape.vocabularySize(), shape.width(), 'c'), true);
        this.position = Embedding.named(BertShape.positionEmbeddings(),
                init.normal(0.02, shape.maxPositions(), shape.width(), 'c'), true);
        this.tokenType = Embedding.named(BertShape.tokenTypeEmbeddings(),
                init.normal(0.02, shape.typeVocabularySize(), shape.width(), 'c'), true);
        this.embeddingNorm = new LayerNorm(BertShape.embeddingNorm(), shape.width(), shape.layerNormEps(), init);
        params.addAll(word.params());
        params.addAll(position.params());
        params.addAll(tokenType.params());
        params.addAll(embeddingNorm.params());
        for (int l = 0; l < shape.layers(); l++) {
            TransformerLayer layer = new TransformerLayer(l, shape, init);
            layers.add(layer);
            params.addAll(layer.params());
        }
    }

    /**
     * The first {@code layers} layers of a pretrained encoder of shape {@code full} (same shape: all of them), its
     * weights given by {@link BertShape} name (every tensor of the cut shape must be there, with its shape).
     */
    public static BertEncoder pretrained(BertShape full, int layers, Map<String, INDArray> weights,
                                         DataType dataType) {
        if (layers < 1 || layers > full.layers()) {
            throw new IllegalArgumentException("cannot keep " + layers + " of the encoder's " + full.layers()
                    + " layers");
        }
        BertEncoder encoder = new BertEncoder(full.withLayers(layers), Init.placeholder(dataType));
        encoder.load(weights);
        return encoder;
    }

    /**
     * Sets every parameter from {@code weights} (by {@link BertShape} name). Tensors of layers beyond this encoder's
     * (a model cut short) are ignored; any other name must be one of the shape's, and every tensor of the shape must be
     * there with its (rows x columns).
     */
    public void load(Map<String, INDArray> weights) {
        Map<String, int[]> shapes = shape.tensorShapes();
        for (String name : weights.keySet()) {
            if (!shapes.containsKey(name) && !beyondLastLayer(name, shapes)) {
                throw new IllegalArgumentException("encoder weights: unknown tensor " + name);
            }
        }
        for (Param p : params) {
            INDArray w = weights.get(p.name());
            if (w == null) {
                throw new IllegalArgumentException("encoder weights: tensor " + p.name() + " is missing");
            }
            int[] expected = shapes.get(p.name());
            if (w.rank() != 2 || w.rows() != expected[0] || w.columns() != expected[1]) {
                throw new IllegalArgumentException("encoder weights: tensor " + p.name() + " has shape "
                        + Arrays.toString(w.shape()) + ", the encoder expects " + Arrays.toString(expected));
            }
            p.value().assign(w.castTo(p.value().dataType()));
        }
    }

    private boolean beyondLastLayer(String name, Map<String, int[]> shapes) {
        Matcher m = LAYER.matcher(name);
        if (!m.find()) {
            return false;
        }
        int layer;
        try {
            layer = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return false;
        }
        return layer >= shape.layers() && shapes.containsKey(m.replaceFirst(BertShape.PREFIX + "layer0."));
    }

    public BertShape shape() {
        return shape;
    }

    /** Parameters in the order of {@link BertShape#tensorNames()}. */
    public List<Param> params() {
        return List.copyOf(params);
    }

    /**
     * Which parameters training changes: {@code topLayers} &lt; 0 all (embeddings included), 0 none (frozen), k &gt; 0
     * the top k layers (all layers when k is at least their number; the embeddings stay fixed). A backward pass stops
     * below the lowest trainable part.
     */
    public void setTrainableTop(int topLayers) {
        int count = shape.layers();
        firstTrainable = topLayers < 0 ? 0 : topLayers == 0 ? count : Math.max(0, count - topLayers);
        embeddingsTrainable = topLayers < 0;
        for (Param p : params) {
            p.setTrainable(embeddingsTrainable);
        }
        for (int l = firstTrainable; l < count; l++) {
            layers.get(l).params().forEach(p -> p.setTrainable(true));
        }
    }

    /** Whether a backward pass changes anything. */
    public boolean trainable() {
        return params.stream().anyMatch(Param::isTrainable);
    }

    /** The additive key bias for a mask (true: may be attended to); null when every key may be. */
    public static INDArray keyBias(boolean[] attend, DataType dataType) {
        if (attend == null) {
            return null;
        }
        INDArray b = Nd4j.create(dataType, new long[]{1, attend.length}, 'f');
        for (int i = 0; i < attend.length; i++) {
            b.putScalar(0, i, attend[i] ? 0 : MASKED);
        }
        return b;
    }

    /**
     * Hidden states (len x width) of one window of piece ids (at most maxPositions), keys masked by keyBias (see
     * {@link #keyBias}; null: none). Without training, two layer caches are used alternately.
     */
    public INDArray forward(int[] ids, INDArray keyBias, Cache cache, boolean training) {
        int n = ids.length;
        if (n == 0 || n > shape.maxPositions()) {
            throw new IllegalArgumentException("an encoder window holds 1 to " + shape.maxPositions()
                    + " pieces, not " + n);
        }
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        INDArray e = word.forward(ids, cache.child("word"));
        cache.kernels().add(e, position.forward(positions, cache.child("position")));
        cache.kernels().add(e, tokenType.forward(new int[n], cache.child("tokenType")));
        INDArray h = embeddingNorm.forward(e, cache.child("embeddingNorm"));
        for (int l = 0; l < layers.size(); l++) {
            h = layers.get(l).forward(h, keyBias, cache.child("layer" + (training ? l : l % 2)), training);
        }
        return h;
    }

    /** Backward pass of a training {@link #forward}: accumulates the gradients of the trainable parameters. */
    public void backward(INDArray dy, Cache cache) {
        INDArray g = dy;
        for (int l = layers.size() - 1; l >= firstTrainable; l--) {
            g = layers.get(l).backward(g, cache.child("layer" + l));
        }
        if (!embeddingsTrainable) {
            return;
        }
        INDArray de = embeddingNorm.backward(g, cache.child("embeddingNorm"));
        word.backward(de, cache.child("word"));
        position.backward(de, cache.child("position"));
        tokenType.backward(de, cache.child("tokenType"));
    }
}
