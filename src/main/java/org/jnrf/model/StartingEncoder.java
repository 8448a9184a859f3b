package org.jnrf.model;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jnrf.network.transformer.BertShape;
import org.jnrf.text.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The encoder a training run starts from: pretrained weights imported from an ONNX model ({@link EncoderDirectory}),
 * or the encoder of a model already fine-tuned on other data (for example the shipped PHEE model, whose encoder has
 * learned drug and adverse-event mentions), so that a new schema or corpus starts from it. Only the encoder is
 * taken; the new model's heads start fresh for its own labels.
 *
 * @param name         what it is, for the log
 * @param shape        its shape (the layers it has)
 * @param weights      every tensor of the shape by {@link BertShape} name (float32, C order)
 * @param vocabulary   the word pieces of its embedding table, which become the new model's
 * @param lowerCase    its tokenizer lower-cases
 * @param stripAccents its tokenizer strips accents
 * @param licence      where its weights come from and under which licence; the new model carries it
 */
public record StartingEncoder(String name, BertShape shape, Map<String, INDArray> weights, Vocabulary vocabulary,
                              boolean lowerCase, boolean stripAccents, String licence) {

    /** An encoder folder written by {@code jnrf import-encoder}. */
    public static StartingEncoder of(EncoderDirectory.Encoder encoder) {
        return new StartingEncoder(encoder.name(), encoder.shape(), encoder.weights(),
                encoder.tokenizer().vocabulary(), encoder.tokenizer().basicTokenizer().lowerCase(),
                encoder.tokenizer().basicTokenizer().stripAccents(), encoder.licence());
    }

    /**
     * The fine-tuned encoder of a trained single-network model.
     *
     * @param model    the model
     * @param location where it was read from, for errors and for the provenance line added to its notice
     * @throws ModelFormatException when the model has no encoder, is an ensemble or carries no licence notice
     */
    public static StartingEncoder fromModel(JnrfModel model, String location) throws ModelFormatException {
        ModelConfig config = model.config();
        if (config.encoder() == null) {
            throw new ModelFormatException(location, "has no contextual encoder to start from (models trained with"
                    + " train --encoder have one)");
        }
        if (model.memberCount() != 1) {
            throw new ModelFormatException(location, "an ensemble of " + model.memberCount() + " networks: name a"
                    + " model of one network");
        }
        if (config.encoderNotice() == null) {
            throw new ModelFormatException(location, "carries no licence notice of its encoder's weights (store it"
                    + " again with jnrf ensemble --encoder-licence DIR)");
        }
        BertShape shape = config.encoder().shape();
        Map<String, Tensor> byName = new HashMap<>();
        model.weights().forEach(t -> byName.put(t.name(), t));
        Map<String, INDArray> weights = new LinkedHashMap<>();
        for (String name : shape.tensorNames()) {
            Tensor t = byName.get(name);
            if (t == null) {
                throw new ModelFormatException(location, "its encoder has no tensor " + name);
            }
            weights.put(name, t.toArray(DataType.FLOAT, 'c'));
        }
        String file = location.substring(Math.max(location.lastIndexOf('/'), location.lastIndexOf('!')) + 1);
        String licence = config.encoderNotice().stripTrailing() + "\n\nFine-tuned further as the encoder of the JNRF"
                + " model " + file + " before this model's training started.\n";
        return new StartingEncoder("the fine-tuned encoder of " + file, shape, weights, model.vocabulary(),
                config.lowerCase(), config.stripAccents(), licence);
    }
}
