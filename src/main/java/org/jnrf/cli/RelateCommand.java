package org.jnrf.cli;

import org.jnrf.corpus.BratAnnParser;
import org.jnrf.corpus.BratConfiguration;
import org.jnrf.corpus.BratCorpus;
import org.jnrf.corpus.CorpusFiles;
import org.jnrf.corpus.FailureReasons;
import org.jnrf.corpus.CorpusFormatException;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.PredictionOptions;
import org.jnrf.uima.ModelLocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code jnrf relate}: relation extraction alone. Keeps the entities of gold BRAT files and replaces their relations
 * by the model's, so that {@code jnrf evaluate} then scores the relation head without the tagger's errors.
 */
@Command(name = "relate", mixinStandardHelpOptions = true,
        description = {"Predicts the relations between the entities of BRAT files (e.g. gold ones) and writes "
                + "NAME.ann with those entities and the predicted relations, for scoring relation extraction "
                + "alone with 'jnrf evaluate'.",
                "Unreadable files are reported on stderr and skipped; the others are still written."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file written", "1:the run failed", "2:bad arguments", "3:some files failed"})
public final class RelateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--gold", required = true, paramLabel = "DIR", description = "Folder of NAME.txt + NAME.ann.")
    Path goldFolder;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--model", paramLabel = "FILE", converter = ModelLocationConverter.class,
            description = "Model zip: a file, classpath:... or jar:file:...!/entry; never a network URL (default: "
                    + "the model shipped in the jar, trained on PHEE).")
    ModelLocation model;

    @Option(names = "--relation-threshold", paramLabel = "P",
            description = "Minimum relation confidence (default: the model's).")
    Double relationThreshold;

    @Override
    public Integer call() throws IOException {
        Inputs.requireFolder(spec, goldFolder, "--gold");
        if (model != null) {
            Inputs.requireModel(spec, model, "--model");
        }
        if (Files.exists(out) && Files.isSameFile(out, goldFolder)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out must not be the --gold folder (its .ann files would be overwritten)");
        }
        PrintWriter err = spec.commandLine().getErr();
        JnrfModel loaded = (model != null ? model : ModelLocation.defaultModel()).load();
        PredictionOptions defaults = loaded.defaultOptions();
        PredictionOptions options = relationThreshold == null ? defaults
                : new PredictionOptions(defaults.entityThreshold(), relationThreshold);
        BratAnnParser parser = BratAnnParser.checkingSurfaceText();
        List<Path> files = BratCorpus.textFiles(goldFolder);
        BratConfiguration configuration = new BratConfiguration();
        int failed = 0;
        int relations = 0;
        for (Path txt : files) {
            try {
                AnnotatedDocument related = loaded.predictRelations(BratCorpus.read(txt, parser), options);
                String relative = CorpusFiles.withoutExtension(CorpusFiles.relativePath(goldFolder, txt));
                BratCorpus.writeAnn(out, relative, related);
                configuration.add(related);
                relations += related.relations().size();
            } catch (CorpusFormatException e) {
                failed++;
                err.println("jnrf relate: " + e.getMessage()); // names the file and line already
            } catch (IOException e) {
                failed++;
                err.println("jnrf relate: " + txt + ": cannot be read or written (" + FailureReasons.of(e) + ")");
            } catch (RuntimeException e) {
                failed++; // exception types only: a message could quote the note
                err.println("jnrf relate: " + txt + ": analysis failed (" + FailureReasons.of(e) + ")");
            }
        }
        Files.createDirectories(out);
        configuration.writeTo(out);
        spec.commandLine().getOut().printf("%d of %d files written to %s, %d relations%n", files.size() - failed,
                files.size(), out, relations);
        spec.commandLine().getOut().flush();
        err.flush();
        return failed == 0 ? 0 : 3;
    }
}
