package org.jnrf.embeddings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jnrf.model.EncoderDirectory;
import org.jnrf.model.Tensor;
import org.jnrf.network.transformer.BertShape;
import org.jnrf.text.HuggingFaceVocabulary;
import org.jnrf.text.OnnxTensorReader;
import org.jnrf.text.OnnxTensorReader.FloatTensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Imports a whole pretrained BERT-family encoder from an ONNX model and its tokenizer.json (two files or a Maven jar,
 * {@link ModelSource}): the graph is read once to find every tensor ({@link BertGraph}), the file a second time to
 * read just those tensors, so memory holds the weights imported and nothing more. Weights come out keyed by
 * {@link BertShape} names, matrices (in x out) as ONNX MatMul holds them, vectors as (1 x n).
 */
public final class EncoderImport {
    private EncoderImport() {
    }

    /** An imported encoder: its name, shape, weights and tokenizer (parsed, and the file's bytes). */
    public record Imported(String name, BertShape shape, Map<String, Tensor> weights,
                           HuggingFaceVocabulary tokenizer, byte[] tokenizerJson) {
        /** The weights as float32 arrays in C order, keyed by {@link BertShape} names. */
        public Map<String, INDArray> arrays() {
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            weights.forEach((k, t) -> arrays.put(k, t.toArray(DataType.FLOAT, 'c')));
            return arrays;
        }
    }

    /**
     * Reads the encoder of {@code source}.
     *
     * @param layers how many of its layers to keep (the first ones); 0 keeps all
     */
    public static Imported read(ModelSource source, int layers) throws IOException {
        BertGraph.Mapping mapping;
        try (InputStream in = source.openOnnx()) {
            mapping = BertGraph.map(OnnxGraph.read(in, source.onnxName()));
        }
        BertShape shape = mapping.shape();
        if (layers < 0 || layers > shape.layers()) {
            throw new IOException(source.onnxName() + ": has " + shape.layers() + " layers, cannot keep " + layers);
        }
        if (layers > 0) {
            shape = shape.withLayers(layers);
        }
        byte[] tokenizerJson;
        try (InputStream in = source.openTokenizer()) {
            tokenizerJson = in.readAllBytes();
        }
        HuggingFaceVocabulary hf = HuggingFaceVocabulary.read(new ByteArrayInputStream(tokenizerJson),
                source.tokenizerName());
        if (hf.vocabulary().size() != shape.vocabularySize()) {
            throw new IOException(source.tokenizerName() + ": " + hf.vocabulary().size() + " pieces, but the word"
                    + " table of " + source.onnxName() + " has " + shape.vocabularySize() + " rows (wrong tokenizer?)");
        }
        Set<String> wanted = new HashSet<>();
        for (String name : shape.tensorNames()) {
            wanted.add(mapping.initializers().get(name));
        }
        Map<String, FloatTensor> read;
        try (InputStream in = source.openOnnx()) {
            read = OnnxTensorReader.readFloats(in, source.onnxName(), wanted);
        }
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shape.tensorShapes().entrySet()) {
            FloatTensor t = read.get(mapping.initializers().get(e.getKey()));
            float[] values = t.values();
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    throw new IOException(source.onnxName() + ": initializer '" + t.name() + "' ("
                            + e.getKey() + ") holds a non-finite value");
                }
            }
            weights.put(e.getKey(), new Tensor(e.getKey(), new long[] {e.getValue()[0], e.getValue()[1]}, values));
        }
        return new Imported(name(source), shape, weights, hf, tokenizerJson);
    }

    /** Reads the encoder of {@code source} and writes it as an {@link EncoderDirectory} {@code out}. */
    public static Imported write(ModelSource source, int layers, Path out) throws IOException {
        Imported imported = read(source, layers);
        EncoderDirectory.write(out, imported.name(), String.join("; ", source.provenance()), imported.shape(),
                imported.weights(), imported.tokenizerJson(), licence(source, imported));
        return imported;
    }

    /** The catalogue name of a Maven source, else the ONNX file's name. */
    private static String name(ModelSource source) throws IOException {
        Optional<ModelSource.MavenArtifact> maven = source.mavenArtifact();
        Optional<EncoderCatalogue.Entry> entry = maven.flatMap(m -> EncoderCatalogue.byCoordinates(m.coordinates()));
        if (entry.isPresent()) {
            return entry.get().name();
        }
        String onnx = source.onnxName();
        return onnx.substring(Math.max(onnx.lastIndexOf('/'), onnx.lastIndexOf('\\')) + 1).replaceAll("\\.onnx$", "");
    }

    private static String licence(ModelSource source, Imported imported) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(imported.name()).append(" encoder\n\n");
        md.append("Imported by `jnrf import-encoder` on ").append(LocalDate.now(ZoneOffset.UTC)).append(": ")
                .append(imported.shape().layers()).append(" layers, width ").append(imported.shape().width())
                .append(", ").append(imported.shape().heads()).append(" heads.\n\n## Licence\n\n");
        Optional<ModelSource.MavenArtifact> maven = source.mavenArtifact();
        Optional<EncoderCatalogue.Entry> entry = maven.flatMap(m -> EncoderCatalogue.byCoordinates(m.coordinates()));
        if (entry.isPresent()) {
            md.append("The weights are ").append(entry.get().origin()).append(", licensed ")
                    .append(entry.get().licence()).append(". A model trained from them carries that licence's"
                            + " notice.\n");
        } else {
            md.append("Not in jnrf's catalogue of encoders: check the model card of the ONNX model before"
                    + " redistributing weights trained from it.\n");
        }
        if (maven.isPresent()) {
            md.append("\nMaven artifact `").append(maven.get().coordinates()).append("`, whose pom.xml declares: ")
                    .append(maven.get().licences().isEmpty() ? "no licence" : String.join("; ",
                            maven.get().licences())).append(" (the licence of the packaging).\n");
        }
        md.append("\n## Source\n\n");
        for (String line : source.provenance()) {
            md.append("- ").append(line).append('\n');
        }
        SourceDescription.appendReadme(md, source);
        return md.toString();
    }
}
