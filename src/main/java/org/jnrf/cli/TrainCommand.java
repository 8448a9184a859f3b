package org.jnrf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.jnrf.corpus.AnnotatedCorpus;
import org.jnrf.corpus.CorpusFormat;
import org.jnrf.corpus.ErrorReportWriter;
import org.jnrf.uima.JnrfTrainer;
import org.jnrf.uima.ModelLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jnrf train --train DIR --dev DIR --out model.zip}: trains a JNRF model with the training engine. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a JNRF model on an annotated corpus (n2c2 BRAT or XMI folder) and writes the model zip.",
                "Each epoch is scored on --dev with the n2c2 scorer; the epoch with the best lenient relation micro "
                        + "F1 is kept. A checkpoint next to the model lets an interrupted run resume.",
                "Training documents that cannot be read are left out and listed in errors.tsv beside the model."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:model written", "1:the run failed (e.g. a dev document cannot be read)",
                "2:bad arguments", "3:model written, but some training documents were left out (see errors.tsv)"})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--train", required = true, paramLabel = "DIR", description = "Training corpus (BRAT or XMI).")
    Path train;

    @Option(names = "--dev", paramLabel = "DIR", description = "Dev corpus for model selection (BRAT or XMI).")
    Path dev;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model zip to write.")
    Path out;

    @Option(names = "--width", description = "Hidden, embedding and relation width.")
    Integer width;

    @Option(names = "--layers", description = "FNet layer applications.")
    Integer layers;

    @Option(names = "--expansion", description = "Feed-forward width factor.")
    Integer expansion;

    @Option(names = "--epochs", description = "Maximum epochs.")
    Integer epochs;

    @Option(names = "--lr", description = "Peak learning rate.")
    String learningRate;

    @Option(names = "--seed", description = "Random seed.")
    Long seed;

    @Option(names = "--patience", description = "Stop after this many epochs without improvement (0: never).")
    Integer patience;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "Any other training setting, e.g. --set tied=false --set relationLossWeight=2.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Checkpoint file (default: the model file + .checkpoint).")
    Path checkpoint;

    @Option(names = "--embeddings", paramLabel = "DIR",
            description = "Pretrained subword embeddings (vocab.txt + embeddings.f32, see import-embeddings).")
    Path embeddings;

    @Option(names = "--encoder", paramLabel = "DIR",
            description = "A pretrained contextual encoder in front of the Fourier layers (a folder written by"
                    + " import-encoder): its weights start the encoder, its tokenizer is the model's.")
    Path encoder;

    @Option(names = "--encoder-from-model", paramLabel = "MODEL", converter = ModelLocationConverter.class,
            description = "Start the encoder from the fine-tuned encoder of a trained model instead (a file or"
                    + " classpath:org/jnrf/resources/models/jnrf-phee-default.zip): its weights and tokenizer, not"
                    + " its heads; for another corpus or schema.")
    ModelLocation encoderFromModel;

    @Option(names = "--stop-after-epochs", paramLabel = "N", description = "Train at most N epochs in this run, "
            + "write the best model so far and keep the checkpoint; the same command later goes on from there.")
    Integer stopAfterEpochs;

    @Option(names = "--no-progress", description = "No progress display on stderr (by default a bar on a terminal, "
            + "a plain line every 30 s when stderr is redirected).")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Inputs.requireFolder(spec, train, "--train");
        if (dev != null) {
            Inputs.requireFolder(spec, dev, "--dev");
        }
        if (embeddings != null) {
            Inputs.requireFolder(spec, embeddings, "--embeddings");
        }
        if (encoder != null) {
            Inputs.requireFolder(spec, encoder, "--encoder");
            if (embeddings != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--encoder and --embeddings exclude each other: the encoder has its own word table");
            }
            if (encoderFromModel != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--encoder and --encoder-from-model exclude each other: the network has one encoder");
            }
        }
        if (encoderFromModel != null && embeddings != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--encoder-from-model and --embeddings exclude each other: the encoder has its own word table");
        }
        if (dev != null && !devIsWhole(err)) {
            return 1;
        }
        List<String> all = new ArrayList<>();
        addIf(all, "width", width);
        addIf(all, "layers", layers);
        addIf(all, "expansion", expansion);
        addIf(all, "epochs", epochs);
        addIf(all, "learningRate", learningRate);
        addIf(all, "seed", seed);
        addIf(all, "patience", patience);
        all.addAll(settings);

        List<Object> parameters = new ArrayList<>(List.of(
                JnrfTrainer.PARAM_MODEL_FILE, out.toString(),
                JnrfTrainer.PARAM_SETTINGS, all.toArray(String[]::new),
                JnrfTrainer.PARAM_SHOW_PROGRESS, !noProgress));
        if (dev != null) {
            parameters.addAll(List.of(JnrfTrainer.PARAM_DEV_LOCATION, dev.toString()));
        }
        if (checkpoint != null) {
            parameters.addAll(List.of(JnrfTrainer.PARAM_CHECKPOINT_FILE, checkpoint.toString()));
        }
        if (stopAfterEpochs != null) {
            parameters.addAll(List.of(JnrfTrainer.PARAM_EPOCHS_THIS_RUN, stopAfterEpochs));
        }
        if (embeddings != null) {
            parameters.addAll(List.of(JnrfTrainer.PARAM_EMBEDDINGS_LOCATION, embeddings.toString()));
        }
        if (encoder != null) {
            parameters.addAll(List.of(JnrfTrainer.PARAM_ENCODER_LOCATION, encoder.toString()));
        }
        if (encoderFromModel != null) {
            parameters.addAll(List.of(JnrfTrainer.PARAM_ENCODER_MODEL_LOCATION, encoderFromModel.toString()));
        }
        // the report comes first: it is written before training starts, and stays when training fails
        Path reportFolder = out.toAbsolutePath().getParent();
        SimplePipeline.runPipeline(CorpusFormat.detect(train).reader(train),
                ErrorReportWriter.description(reportFolder),
                AnalysisEngineFactory.createEngineDescription(JnrfTrainer.class, parameters.toArray()));
        spec.commandLine().getOut().println("model written to " + out);
        spec.commandLine().getOut().flush();
        ErrorReportSummary errors = ErrorReportSummary.read(reportFolder);
        errors.print(err);
        if (errors.errorCount() > 0) {
            err.println("jnrf train: the documents listed were left out of training");
        }
        err.flush();
        return errors.errorCount() == 0 ? 0 : 3;
    }

    /**
     * Dev documents choose the model and tune its threshold, so a broken one stops the run before any training, each
     * named with its problem (the training engine would otherwise fail only after reading the training corpus).
     */
    private boolean devIsWhole(PrintWriter err) throws java.io.IOException {
        List<String> problems = AnnotatedCorpus.readReadable(dev).problems();
        for (String problem : problems) {
            err.println("jnrf train: --dev: " + problem);
        }
        if (!problems.isEmpty()) {
            err.println("jnrf train: --dev: " + problems.size() + " broken document(s); fix or remove them, dev "
                    + "documents choose the model");
        }
        err.flush();
        return problems.isEmpty();
    }

    private static void addIf(List<String> settings, String name, Object value) {
        if (value != null) {
            settings.add(name + "=" + value);
        }
    }
}
