package org.jnrf.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.jnrf.corpus.CorpusFiles;
import org.jnrf.corpus.CorpusFormat;
import org.jnrf.corpus.ErrorReportWriter;
import org.jnrf.corpus.PlainTextReader;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.uima.CpeRunner;
import org.jnrf.uima.JnrfAnnotator;
import org.jnrf.uima.ModelLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jnrf annotate PATH... --out DIR}: finds medication entities and relations in plain-text notes. */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = {"Annotates plain-text notes (.txt files, or folders of them, read recursively) with a JNRF "
                + "model and writes NAME.ann (n2c2 BRAT) for every NAME.txt, plus XMI/JSON on request.",
                "Notes that cannot be read or analysed are listed in DIR/errors.tsv; every other note is still "
                        + "written."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every note annotated", "1:the run failed",
                "2:bad arguments, or DIR holds the inputs or a BRAT corpus (see --overwrite-inputs)",
                "3:some notes failed (see DIR/errors.tsv)"})
public final class AnnotateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Note files and/or folders of .txt notes.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--model", paramLabel = "FILE", converter = ModelLocationConverter.class,
            description = "Model zip: a file, classpath:... or jar:file:...!/entry; never a network URL (default: "
                    + "the model shipped in the jar, trained on PHEE).")
    ModelLocation model;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT", defaultValue = "brat",
            converter = ConvertCommand.FormatConverter.class,
            description = "Output formats, comma-separated: brat, xmi, json, jsonl (default: ${DEFAULT-VALUE}).")
    List<CorpusFormat> formats;

    @Option(names = "--threads", defaultValue = "1", description = "Processing threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--compute-threads", paramLabel = "N", description = "Threads inside each matrix product "
            + "(default: the cores divided by --threads, at least 1).")
    Integer computeThreads;

    @Option(names = "--ctakes", description = "Also add cTAKES types (MedicationMention, BinaryTextRelation, ...): "
            + "visible in XMI output.")
    boolean ctakes;

    @Option(names = "--entity-threshold", paramLabel = "P", description = "Minimum entity confidence (default: the "
            + "model's).")
    String entityThreshold;

    @Option(names = "--relation-threshold", paramLabel = "P", description = "Minimum relation confidence (default: "
            + "the model's).")
    String relationThreshold;

    @Option(names = "--ensemble-members", paramLabel = "K", description = "With an ensemble model, use only its "
            + "first K networks: faster, usually a little less accurate (default: all; the default model has "
            + "several).")
    Integer ensembleMembers;

    @Option(names = "--max-word-pieces", paramLabel = "N", description = "Longest note analysed, in word pieces "
            + "(the model's tokens); a longer one is listed in DIR/errors.tsv instead (default: "
            + JnrfAnnotator.DEFAULT_MAX_WORD_PIECES + "; memory grows with it: see docs/network.md).")
    Integer maxWordPieces;

    @Option(names = "--summary", defaultValue = "auto", paramLabel = "MODE",
            description = "What to print: notes (entities and relations of each note), totals, none, or auto "
                    + "(notes for up to 20 notes, else totals; default).")
    String summaryMode;

    @Option(names = "--overwrite-inputs", description = "Write into DIR even when it holds the input notes or .ann "
            + "files of no earlier run (e.g. a gold BRAT corpus); such .ann files are replaced.")
    boolean overwriteInputs;

    @Option(names = "--no-progress", description = "No progress display on stderr (by default a bar on a terminal, "
            + "a plain line every 30 s when stderr is redirected).")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        for (Path input : inputs) {
            Inputs.requireExisting(spec, input, "PATH");
        }
        if (model != null) {
            Inputs.requireModel(spec, model, "--model");
        }
        if (threads < 1) {
            throw Inputs.bad(spec, "--threads must be at least 1");
        }
        for (CorpusFormat format : formats) {
            if (format == CorpusFormat.TEXT) {
                throw Inputs.bad(spec, "--format text is not an output format; use brat, xmi, json or jsonl");
            }
        }
        if (computeThreads != null && computeThreads < 1) {
            throw Inputs.bad(spec, "--compute-threads must be at least 1");
        }
        // notes in parallel and threads inside each product would contend for the same cores: short notes gain
        // nothing from multithreaded products, and their spinning threads slow the other pipelines down
        ComputeThreads.Setting computeBefore = ComputeThreads.current();
        ComputeThreads.set(computeThreads != null ? computeThreads
                : Math.max(1, Runtime.getRuntime().availableProcessors() / threads));
        try {
            return annotate(stdout, err);
        } finally {
            ComputeThreads.restore(computeBefore); // the setting is process-wide: leave it as found when embedded
        }
    }

    private int annotate(PrintWriter stdout, PrintWriter err) throws Exception {
        Set<Path> notes = new LinkedHashSet<>();
        int noteCount = countNotes(notes);
        java.util.Optional<String> unsafeOutput = overwriteInputs ? java.util.Optional.empty()
                : OutputFolderGuard.problem(out, notes);
        if (unsafeOutput.isPresent()) {
            err.println("jnrf annotate: --out " + unsafeOutput.get() + ". Choose another folder, or add "
                    + "--overwrite-inputs.");
            err.flush();
            return 2;
        }
        Files.createDirectories(out);

        List<AnalysisEngineDescription> engines = new ArrayList<>();
        engines.add(annotator());
        for (CorpusFormat format : new LinkedHashSet<>(formats)) {
            engines.add(format.writer(out));
        }
        engines.add(ErrorReportWriter.description(out));

        AnnotationSummary summary = new AnnotationSummary();
        long started = System.nanoTime();
        List<Throwable> runFailures;
        try (RunProgress progress = new RunProgress("Annotating", noteCount, !noProgress)) {
            runFailures = new CpeRunner(threads).run(PlainTextReader.description(inputs, "*.txt"), (cas, failure) -> {
                summary.add(cas, failure);
                if (failure != null) {
                    ErrorReportWriter.addFailure(out, cas, failure); // the CPE drops the note: list it still
                }
                progress.step();
            }, engines.toArray(AnalysisEngineDescription[]::new));
        }

        boolean perNote = summaryMode.equals("notes") || (summaryMode.equals("auto") && noteCount <= 20);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!summaryMode.equals("none")) {
            summary.print(stdout, perNote);
            stdout.printf("annotated in %.1f s with %d thread(s) (%.1f notes/s, model loading included)%n", seconds,
                    threads, summary.noteCount() / seconds);
        }
        stdout.flush();
        ErrorReportSummary errors = ErrorReportSummary.read(out);
        errors.print(err);
        for (Throwable failure : runFailures) {
            err.println("jnrf annotate: " + FailureMessages.oneLine(failure));
        }
        for (String failed : summary.pipelineFailures()) {
            err.println("jnrf annotate: " + failed);
        }
        err.flush();
        if (!runFailures.isEmpty()) {
            return 1;
        }
        return errors.errorCount() == 0 && summary.pipelineFailures().isEmpty() ? 0 : 3;
    }

    private AnalysisEngineDescription annotator() throws Exception {
        List<Object> parameters = new ArrayList<>(List.of(
                JnrfAnnotator.PARAM_WRITE_CTAKES_TYPES, ctakes,
                JnrfAnnotator.KEY_MODEL, JnrfAnnotator.modelResource(model == null ? null : model.location())));
        if (entityThreshold != null) {
            parameters.addAll(List.of(JnrfAnnotator.PARAM_ENTITY_THRESHOLD, entityThreshold));
        }
        if (relationThreshold != null) {
            parameters.addAll(List.of(JnrfAnnotator.PARAM_RELATION_THRESHOLD, relationThreshold));
        }
        if (ensembleMembers != null) {
            parameters.addAll(List.of(JnrfAnnotator.PARAM_ENSEMBLE_MEMBERS, ensembleMembers));
        }
        if (maxWordPieces != null) {
            parameters.addAll(List.of(JnrfAnnotator.PARAM_MAX_WORD_PIECES, maxWordPieces));
        }
        return org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription(JnrfAnnotator.class,
                parameters.toArray());
    }

    /** Collects the note files into {@code notes}; returns how many documents the reader will give (problems too). */
    private int countNotes(Set<Path> notes) throws Exception {
        int problems = 0;
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                CorpusFiles.Listing listing = CorpusFiles.scanByGlob(input, "*.txt");
                notes.addAll(listing.files());
                problems += listing.problems().size();
            } else {
                notes.add(input);
            }
        }
        return notes.size() + problems;
    }
}
