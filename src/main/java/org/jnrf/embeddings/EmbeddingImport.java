package org.jnrf.embeddings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jnrf.text.BasicTokenizer;
import org.jnrf.text.EmbeddingDirectory;
import org.jnrf.text.HuggingFaceVocabulary;
import org.jnrf.text.OnnxTensorReader;
import org.jnrf.text.OnnxTensorReader.FloatTensor;
import org.jnrf.text.OnnxTensorReader.TensorInfo;

/**
 * Copies the word-piece embedding table of a BERT-family ONNX model and its Hugging Face tokenizer vocabulary into an
 * {@link EmbeddingDirectory} the network can initialize from, without any ONNX runtime. The table is checked to have
 * one row per vocabulary piece and only finite values.
 */
public final class EmbeddingImport {
    private EmbeddingImport() {
    }

    /** What was imported. */
    public record Imported(String tensor, int rows, int columns, long bytes, BasicTokenizer tokenizer) {
    }

    /** The model's initializers (name, type, shape). */
    public static List<TensorInfo> initializers(ModelSource source) throws IOException {
        try (InputStream in = source.openOnnx()) {
            return OnnxTensorReader.list(in, source.onnxName());
        }
    }

    /**
     * Writes the embedding folder {@code out}.
     *
     * @param tensor the initializer holding the table; null: the float matrix with one row per vocabulary piece
     */
    public static Imported write(ModelSource source, String tensor, Path out) throws IOException {
        List<TensorInfo> initializers = initializers(source);
        HuggingFaceVocabulary hf;
        try (InputStream in = source.openTokenizer()) {
            hf = HuggingFaceVocabulary.read(in, source.tokenizerName());
        }
        int pieces = hf.vocabulary().size();
        String name = tensor != null ? tensor : embeddingTable(initializers, pieces, source.onnxName());
        FloatTensor table;
        try (InputStream in = source.openOnnx()) {
            table = OnnxTensorReader.readFloat(in, source.onnxName(), name);
        }
        if (table.shape().size() != 2 || table.shape().get(0) != pieces) {
            throw new IOException(source.onnxName() + ": initializer '" + name + "' has shape " + table.shape()
                    + ", expected [" + pieces + ", dim] for the " + pieces + " pieces of "
                    + source.tokenizerName());
        }
        checkFinite(table, source.onnxName());
        String markdown = SourceDescription.markdown(source, table, hf);
        EmbeddingDirectory.write(out, hf.vocabulary(), table.values(), markdown);
        return new Imported(name, table.rows(), table.columns(),
                Files.size(out.resolve(EmbeddingDirectory.EMBEDDINGS_F32)), hf.basicTokenizer());
    }

    /** The float matrix with one row per piece; a 'word_embeddings' name settles ties. */
    static String embeddingTable(List<TensorInfo> initializers, int pieces, String onnxName) throws IOException {
        List<TensorInfo> candidates = initializers.stream()
                .filter(t -> t.dataType() == OnnxTensorReader.FLOAT && t.shape().size() == 2
                        && t.shape().get(0) == pieces)
                .toList();
        if (candidates.size() > 1) {
            List<TensorInfo> named = candidates.stream().filter(t -> t.name().contains("word_embeddings")).toList();
            if (named.size() == 1) {
                return named.get(0).name();
            }
        }
        if (candidates.size() != 1) {
            throw new IOException(onnxName + ": " + (candidates.isEmpty() ? "no" : candidates.size())
                    + " FLOAT initializers of shape [" + pieces + ", dim]"
                    + (candidates.isEmpty() ? "" : " (" + candidates.stream().map(TensorInfo::name)
                    .collect(Collectors.joining(", ")) + ")") + "; name the embedding table with --tensor");
        }
        return candidates.get(0).name();
    }

    private static void checkFinite(FloatTensor table, String onnxName) throws IOException {
        float[] values = table.values();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IOException(onnxName + ": initializer '" + table.name() + "' row " + i / table.columns()
                        + " holds a non-finite value");
            }
        }
    }
}
