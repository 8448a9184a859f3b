package org.jnrf.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jnrf.corpus.OutputFiles;
import org.jnrf.network.transformer.BertShape;
import org.jnrf.text.HuggingFaceVocabulary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A folder holding a pretrained BERT-family encoder for training to start from, as {@code jnrf import-encoder} writes
 * it: {@code encoder.json} (its name, source and {@link BertShape}), {@code weights.bin} (every tensor of the shape,
 * keyed by its {@link BertShape} name, in the {@link WeightsFile} format of the model file: no Java serialization),
 * {@code tokenizer.json} (the Hugging Face tokenizer it was trained with) and {@code LICENCE.md} (where the weights
 * come from, under which licence). Each file is written through a temporary file and a rename, {@code encoder.json}
 * last, so a folder with it is complete. Reading checks that the weights are exactly the shape's tensors, with their
 * shapes and finite values, and that the tokenizer has one piece per embedding row.
 */
public final class EncoderDirectory {
    public static final String ENCODER_JSON = "encoder.json";
    public static final String WEIGHTS_BIN = "weights.bin";
    public static final String TOKENIZER_JSON = "tokenizer.json";
    public static final String LICENCE_MD = "LICENCE.md";
    /** Version of {@code encoder.json}; a reader refuses others. */
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** An encoder read back: its name and source, shape, weights (float32, C order), tokenizer and licence notice. */
    public record Encoder(String name, String source, BertShape shape, Map<String, INDArray> weights,
                          HuggingFaceVocabulary tokenizer, String licence) {
    }

    private EncoderDirectory() {
    }

    /**
     * Writes the folder {@code dir} (created if missing).
     *
     * @param weights one tensor per name of {@code shape.tensorShapes()}, of that shape
     */
    public static void write(Path dir, String name, String source, BertShape shape, Map<String, Tensor> weights,
                             byte[] tokenizerJson, String licenceMarkdown) throws IOException {
        List<Tensor> ordered = new ArrayList<>();
        for (Map.Entry<String, int[]> e : shape.tensorShapes().entrySet()) {
            Tensor t = weights.get(e.getKey());
            if (t == null || !Arrays.equals(t.shape(), new long[] {e.getValue()[0], e.getValue()[1]})) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " is " + (t == null ? "missing"
                        : "of shape " + Arrays.toString(t.shape())) + ", expected " + Arrays.toString(e.getValue()));
            }
            ordered.add(t);
        }
        if (weights.size() != ordered.size()) {
            throw new IllegalArgumentException("tensors not of the shape: " + extra(weights.keySet(), shape));
        }
        Files.createDirectories(dir);
        OutputFiles.writeAtomically(dir.resolve(WEIGHTS_BIN), out -> WeightsFile.write(out, ordered));
        OutputFiles.writeAtomically(dir.resolve(TOKENIZER_JSON), tokenizerJson);
        OutputFiles.writeAtomically(dir.resolve(LICENCE_MD), licenceMarkdown);
        OutputFiles.writeAtomically(dir.resolve(ENCODER_JSON), json(name, source, shape));
    }

    private static String json(String name, String source, BertShape shape) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", name);
        root.put("source", source);
        ObjectNode s = root.putObject("shape");
        s.put("vocabularySize", shape.vocabularySize());
        s.put("maxPositions", shape.maxPositions());
        s.put("typeVocabularySize", shape.typeVocabularySize());
        s.put("width", shape.width());
        s.put("layers", shape.layers());
        s.put("heads", shape.heads());
        s.put("intermediate", shape.intermediate());
        s.put("layerNormEps", shape.layerNormEps());
        return JSON.writeValueAsString(root) + "\n";
    }

    /** Reads the folder {@code dir}; a {@link ModelFormatException} naming the file and the problem otherwise. */
    public static Encoder read(Path dir) throws IOException {
        requireFolder(dir);
        Path jsonFile = dir.resolve(ENCODER_JSON);
        JsonNode root;
        try {
            root = JSON.readTree(jsonFile.toFile());
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(jsonFile.toString(), "not valid JSON (line "
                    + e.getLocation().getLineNr() + ")");
        }
        if (root == null || root.path("format").asInt(-1) != FORMAT) {
            throw new ModelFormatException(jsonFile.toString(), "format " + (root == null ? "missing"
                    : root.path("format")) + ", this version reads format " + FORMAT);
        }
        BertShape shape = shape(root.path("shape"), jsonFile.toString());
        Map<String, INDArray> weights = weights(dir.resolve(WEIGHTS_BIN), shape);
        Path tokenizerFile = dir.resolve(TOKENIZER_JSON);
        HuggingFaceVocabulary tokenizer = tokenizer(dir);
        if (tokenizer.vocabulary().size() != shape.vocabularySize()) {
            throw new ModelFormatException(tokenizerFile.toString(), tokenizer.vocabulary().size()
                    + " pieces, the encoder's word table has " + shape.vocabularySize() + " rows");
        }
        Path licenceFile = dir.resolve(LICENCE_MD);
        if (!Files.isRegularFile(licenceFile)) {
            throw new ModelFormatException(licenceFile.toString(), "missing: the weights' licence notice travels with"
                    + " every model trained from them (import-encoder writes it)");
        }
        String licence = Files.readString(licenceFile, java.nio.charset.StandardCharsets.UTF_8);
        return new Encoder(root.path("name").asText(), root.path("source").asText(), shape, weights, tokenizer,
                licence);
    }

    /** Only the tokenizer of the encoder folder {@code dir} (its vocabulary and settings). */
    public static HuggingFaceVocabulary tokenizer(Path dir) throws IOException {
        requireFolder(dir);
        return HuggingFaceVocabulary.read(dir.resolve(TOKENIZER_JSON));
    }

    private static void requireFolder(Path dir) throws NoSuchFileException {
        Path jsonFile = dir.resolve(ENCODER_JSON);
        if (!Files.isRegularFile(jsonFile)) {
            throw new NoSuchFileException(jsonFile.toString(), null,
                    "not an encoder folder (no " + ENCODER_JSON + "; write one with jnrf import-encoder)");
        }
    }

    private static BertShape shape(JsonNode s, String file) throws ModelFormatException {
        String[] ints = {"vocabularySize", "maxPositions", "typeVocabularySize", "width", "layers", "heads",
            "intermediate"};
        int[] v = new int[ints.length];
        for (int i = 0; i < ints.length; i++) {
            if (!s.path(ints[i]).canConvertToExactIntegral() || !s.path(ints[i]).canConvertToInt()) {
                throw new ModelFormatException(file, "shape." + ints[i] + " missing or not an integer");
            }
            v[i] = s.path(ints[i]).asInt();
        }
        if (!s.path("layerNormEps").isNumber()) {
            throw new ModelFormatException(file, "shape.layerNormEps missing or not a number");
        }
        try {
            return new BertShape(v[0], v[1], v[2], v[3], v[4], v[5], v[6], s.path("layerNormEps").asDouble());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, "invalid shape: " + e.getMessage());
        }
    }

    private static Map<String, INDArray> weights(Path file, BertShape shape) throws IOException {
        Map<String, Tensor> tensors;
        try (InputStream in = Files.newInputStream(file)) {
            tensors = WeightsFile.read(in, file.toString());
        }
        Map<String, INDArray> weights = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shape.tensorShapes().entrySet()) {
            Tensor t = tensors.remove(e.getKey());
            long[] expected = {e.getValue()[0], e.getValue()[1]};
            if (t == null) {
                throw new ModelFormatException(file.toString(), "no tensor " + e.getKey());
            }
            if (!Arrays.equals(t.shape(), expected)) {
                throw new ModelFormatException(file.toString(), "tensor " + e.getKey() + " has shape "
                        + Arrays.toString(t.shape()) + ", " + ENCODER_JSON + " says " + Arrays.toString(expected));
            }
            for (float x : t.data()) {
                if (!Float.isFinite(x)) {
                    throw new ModelFormatException(file.toString(), "tensor " + e.getKey() + " holds a non-finite"
                            + " value");
                }
            }
            weights.put(e.getKey(), t.toArray(DataType.FLOAT, 'c'));
        }
        if (!tensors.isEmpty()) {
            throw new ModelFormatException(file.toString(), "tensors not of the encoder's shape: "
                    + new TreeSet<>(tensors.keySet()));
        }
        return weights;
    }

    private static String extra(java.util.Set<String> names, BertShape shape) {
        TreeSet<String> extra = new TreeSet<>(names);
        extra.removeAll(shape.tensorShapes().keySet());
        return extra.toString();
    }
}
