package org.jnrf.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.jnrf.corpus.AnnotatedCorpus;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.eval.EvaluationReport;
import org.jnrf.eval.RelationThresholdTuning;
import org.jnrf.model.EncoderDirectory;
import org.jnrf.model.EnsembleBuilder;
import org.jnrf.model.JnrfModel;
import org.jnrf.uima.ModelLocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jnrf ensemble --out OUT --dev DIR MODEL MODEL...}: one model file averaging several trained networks. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = {"Combines models trained with the same settings (e.g. other seeds) into one model file that "
                + "averages their networks' tag probabilities, decodes the entities from the average, then averages "
                + "each pair's relation probabilities. Inference costs one network per member.",
                "With --dev, the relation decision threshold is tuned on those documents (after any 8-bit storage, so "
                        + "on what is written) for the first network alone, the first two, ... and all of them "
                        + "(annotate --ensemble-members K uses the first K), and the dev scores are printed.",
                "One model is stored again as it is, with its threshold tuned on --dev and the chosen 8-bit storage: "
                        + "how a trained model is made ready to ship."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:model written", "1:a model or the dev corpus is unreadable, or the models differ",
                "2:invalid arguments"})
public final class EnsembleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // read as text and resolved in call(): with one model enough, picocli would report a refused second location
    // as an unmatched argument instead of saying why it is refused
    @Parameters(arity = "1..*", paramLabel = "MODEL",
            description = "Model zips of the same configuration and vocabulary.")
    List<String> modelArguments;

    private List<ModelLocation> models;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Ensemble model zip to write.")
    Path out;

    @Option(names = "--dev", paramLabel = "DIR",
            description = "BRAT folder to tune the relation threshold on and to score the ensemble.")
    Path dev;

    @Option(names = "--relation-threshold", paramLabel = "P",
            description = "Relation decision threshold to store instead of tuning one (default without --dev: 0.5).")
    Double relationThreshold;

    @Option(names = "--int8", paramLabel = "WHICH", defaultValue = "none",
            description = "Store weights with 8 bits per value and a scale per row: none, embeddings (the embedding "
                    + "table, or the contextual encoder's word table) or matrices (every weight matrix of at least " + EnsembleBuilder.INT8_MIN_VALUES + " values); "
                    + "default ${DEFAULT-VALUE}.")
    EnsembleBuilder.Int8 int8;

    @Option(names = "--sentence-breaks",
            description = "Count sentence ends inside a line as line breaks in the relation feature: for networks "
                    + "trained on one sentence per line (as PHEE's), used on notes with several sentences per line.")
    boolean sentenceBreaks;

    @Option(names = "--encoder-window-margin", paramLabel = "N",
            description = "For models with a contextual encoder: the context in pieces every piece of a long document "
                    + "keeps on each side (smaller: fewer overlapping windows, faster on long notes; the model's "
                    + "own by default).")
    Integer encoderWindowMargin;

    @Option(names = "--encoder-licence", paramLabel = "DIR",
            description = "For models with a pretrained encoder: store the LICENCE.md of its import-encoder folder "
                    + "DIR in the model (models trained since carry it already).")
    Path encoderLicence;

    @Override
    public Integer call() throws Exception {
        models = new ArrayList<>();
        ModelLocationConverter converter = new ModelLocationConverter();
        for (String argument : modelArguments) {
            try {
                models.add(converter.convert(argument));
            } catch (CommandLine.TypeConversionException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for MODEL: "
                        + e.getMessage());
            }
        }
        if (dev != null) {
            Inputs.requireFolder(spec, dev, "--dev");
        }
        for (ModelLocation model : models) {
            Inputs.requireModel(spec, model, "MODEL");
        }
        if (dev != null && relationThreshold != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--dev tunes the relation threshold: give --dev or --relation-threshold, not both");
        }
        if (relationThreshold != null && !(relationThreshold > 0 && relationThreshold < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--relation-threshold must lie between 0 and 1, got " + relationThreshold);
        }
        return combine(spec.commandLine().getOut()); // failures end through FailureMessages: one line, exit 1
    }

    private int combine(PrintWriter stdout) throws java.io.IOException {
        List<JnrfModel> members = new ArrayList<>();
        for (ModelLocation m : models) {
            JnrfModel model = m.load();
            if (encoderWindowMargin != null) {
                model = model.withEncoderWindowMargin(encoderWindowMargin);
            }
            if (encoderLicence != null) {
                model = model.withEncoderNotice(Files.readString(encoderLicence.resolve(EncoderDirectory.LICENCE_MD),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            members.add(model);
        }
        EnsembleBuilder builder = new EnsembleBuilder(members, sentenceBreaks, int8);
        if (dev != null) {
            List<AnnotatedDocument> gold = AnnotatedCorpus.read(dev);
            builder.tuneMemberThresholds(first -> {
                RelationThresholdTuning.Result tuned = RelationThresholdTuning.tune(first, gold);
                EvaluationReport report = tuned.report(); // the dev predictions at that threshold
                stdout.printf("first %d network(s): relation threshold %.2f tuned on %d dev documents; lenient "
                                + "micro F1 entities %.4f, relations %.4f (strict %.4f / %.4f)%n",
                        first.memberCount(), tuned.threshold(), gold.size(), report.lenientEntityMicroF1(),
                        report.lenientRelationMicroF1(), report.strictEntityMicroF1(),
                        report.strictRelationMicroF1());
                stdout.flush();
                return tuned.threshold();
            });
        } else {
            builder.relationThreshold(relationThreshold == null ? 0.5 : relationThreshold);
        }
        builder.save(out);
        stdout.printf("%d networks written to %s (%d bytes)%n", builder.ensemble().memberCount(), out,
                Files.size(out));
        stdout.flush();
        return 0;
    }
}
