package org.jnrf.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.jnrf.corpus.CorpusFiles;
import org.jnrf.corpus.StrictUtf8;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.VocabularyPruning;
import org.jnrf.uima.ModelLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jnrf prune-vocabulary --model IN --out OUT DIR...}: a smaller model for shipping. */
@Command(name = "prune-vocabulary", mixinStandardHelpOptions = true,
        description = {"Keeps only the vocabulary pieces (and embedding rows) that the .txt files under DIR use, plus "
                + "special and single-character pieces, so a model trained with a large pretrained table ships small.",
                "Texts tokenized only with kept pieces give exactly the same predictions."})
public final class PruneVocabularyCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE", converter = ModelLocationConverter.class,
            description = "Model zip to prune.")
    ModelLocation model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Pruned model zip to write.")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders of .txt files (e.g. the training corpus).")
    List<Path> folders;

    @Option(names = "--keep-first", paramLabel = "N", defaultValue = "0",
            description = "Also keep the first N pieces of the vocabulary (the most frequent ones in a BERT-style "
                    + "vocab.txt), for words the texts do not have (default ${DEFAULT-VALUE}).")
    int keepFirst;

    @Option(names = "--int8-embeddings",
            description = "Store the embedding table with 8 bits per value and a scale per row (a quarter of the size;"
                    + " the values change by at most half a step of their row's scale).")
    boolean int8Embeddings;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Inputs.requireModel(spec, model, "--model");
        if (keepFirst < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--keep-first must not be negative, got " + keepFirst);
        }
        for (Path folder : folders) {
            Inputs.requireFolder(spec, folder, "DIR");
        }
        List<String> texts = new ArrayList<>();
        for (Path folder : folders) {
            for (Path txt : CorpusFiles.listBySuffix(folder, ".txt")) {
                texts.add(StrictUtf8.read(txt));
            }
        }
        JnrfModel original = model.load();
        JnrfModel pruned;
        try {
            pruned = VocabularyPruning.prune(original, texts, keepFirst);
        } catch (IllegalArgumentException e) { // a model it cannot prune (--keep-first is checked above): say which
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--model " + model.location() + ": "
                    + e.getMessage());
        }
        pruned.save(out, int8Embeddings ? java.util.Set.of(VocabularyPruning.EMBEDDING_TENSOR) : java.util.Set.of());
        spec.commandLine().getOut().printf("%d of %d pieces kept (%d texts); written to %s (%d bytes)%n",
                pruned.vocabulary().size(), original.vocabulary().size(), texts.size(), out, Files.size(out));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
