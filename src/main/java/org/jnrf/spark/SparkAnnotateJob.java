package org.jnrf.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.jnrf.corpus.BratConfiguration;
import org.jnrf.corpus.ErrorReportWriter;
import org.jnrf.uima.JnrfAnnotator;
import org.jnrf.uima.ModelLocation;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The Spark job: {@code spark-submit --class org.jnrf.spark.SparkAnnotateJob jnrf-uima-VERSION-spark.jar --input
 * NOTES --output DIR [--model m.zip]}, and {@code ./jnrf spark-annotate} in local mode. Annotates every note with
 * {@link JnrfTransformer} and writes, through Spark's output committers, {@code DIR/parquet} (one row per note: id,
 * entities, relations, error) and optionally {@code DIR/jsonl}; BRAT {@code .ann} files go to {@code DIR} itself,
 * as {@code annotate} writes them, with brat's configuration files; {@code DIR/errors.tsv} lists the notes with an
 * error. Exit codes as every command: 0, 1 the run failed, 2 bad arguments, 3 some notes failed.
 */
@Command(name = "spark-annotate", mixinStandardHelpOptions = true,
        description = "Annotates notes on Apache Spark (spark-submit, or local mode with --master local[N]).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every note annotated", "1:the run failed", "2:bad arguments",
                "3:some notes failed (DIR/errors.tsv, the error column)"})
public final class SparkAnnotateJob implements Callable<Integer> {
    private static final String COMPONENT = "JnrfTransformer";

    /** Output formats; Parquet is always written when none is named. */
    enum OutputFormat {
        parquet, jsonl, brat
    }

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Notes: folders of .txt files (searched "
            + "recursively), single .txt files, or Parquet / JSON Lines files or folders (see --input-format).")
    List<String> paths = new ArrayList<>();

    @Option(names = "--input", paramLabel = "PATH", description = "Notes, as PATH (may be repeated).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "txt",
            description = "txt, parquet or jsonl (rows with id and text) (default: ${DEFAULT-VALUE}).")
    NoteInputs.Format inputFormat;

    @Option(names = {"--out", "--output"}, required = true, paramLabel = "DIR",
            description = "Output folder (a path or URI; created if missing).")
    String out;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT", defaultValue = "parquet",
            description = "parquet, jsonl and/or brat, comma-separated (default: ${DEFAULT-VALUE}).")
    List<OutputFormat> formats;

    @Option(names = "--model", paramLabel = "FILE", description = "Model zip on this machine, shipped to the "
            + "executors with the job; or classpath:... (default: the shipped model).")
    String model;

    @Option(names = "--model-file", paramLabel = "NAME", description = "The file name of a model zip shipped with "
            + "spark-submit --files (instead of --model).")
    String modelFile;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2] (default: the one "
            + "spark-submit gives).")
    String master;

    @Option(names = "--compute-threads", paramLabel = "N", defaultValue = "1",
            description = "Threads inside each matrix product, per task (default: ${DEFAULT-VALUE}).")
    int computeThreads;

    @Option(names = "--max-word-pieces", paramLabel = "N",
            defaultValue = "" + JnrfAnnotator.DEFAULT_MAX_WORD_PIECES,
            description = "A longer note is not analysed but gets an error (default: ${DEFAULT-VALUE}).")
    int maxWordPieces;

    @Option(names = "--partitions", paramLabel = "N", description = "Spread the notes over N partitions (tasks) "
            + "before annotating (default: as read).")
    Integer partitions;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the job with {@code args}; returns the exit code. */
    public static int run(String... args) {
        return new CommandLine(new SparkAnnotateJob()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<String> locations = new ArrayList<>(paths);
        locations.addAll(inputs);
        if (locations.isEmpty()) {
            throw bad("name the notes: PATH... or --input PATH");
        }
        if (computeThreads < 1 || maxWordPieces < 1 || (partitions != null && partitions < 1)) {
            throw bad("--compute-threads, --max-word-pieces and --partitions must be at least 1");
        }
        JnrfTransformer transformer = new JnrfTransformer().setComputeThreads(computeThreads)
                .setMaxWordPieces(maxWordPieces);
        String distribute = null;
        if (model != null && modelFile != null) {
            throw bad("--model and --model-file name two models; give one");
        }
        if (modelFile != null) {
            transformer.setDistributedModel(modelFile);
        }
        if (model != null) {
            try {
                new ModelLocation(model);
            } catch (IllegalArgumentException e) {
                throw bad("--model: " + e.getMessage());
            }
            java.nio.file.Path file = java.nio.file.Path.of(model);
            if (Files.isRegularFile(file)) {
                distribute = file.toAbsolutePath().toString();
            } else if (model.startsWith("classpath:")) {
                transformer.setModelLocation(model);
            } else {
                throw bad("--model: " + model + ": no such file");
            }
        }

        boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession.Builder builder = SparkSession.builder().appName("jnrf spark-annotate");
        if (master != null) {
            builder.master(master);
        }
        SparkSession spark = builder.getOrCreate();
        try {
            Path outPath = new Path(out);
            FileSystem fs = HadoopFiles.withoutChecksums(outPath.getFileSystem(spark.sparkContext()
                    .hadoopConfiguration()));
            for (OutputFormat format : formats) {
                Path folder = new Path(outPath, format.name());
                if (format != OutputFormat.brat && fs.exists(folder)) {
                    throw bad("--out: " + folder + " exists; remove it or choose another folder");
                }
            }
            if (formats.contains(OutputFormat.brat)) {
                for (String location : locations) {
                    Path input = new Path(location);
                    if (input.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(input)
                            .equals(fs.makeQualified(outPath))) {
                        throw bad("--out: " + out + " holds the input notes; BRAT output would write over them");
                    }
                }
            }
            Dataset<Row> notes;
            try {
                notes = NoteInputs.read(spark, inputFormat, locations);
            } catch (IOException | IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
            if (partitions != null) {
                notes = notes.repartition(partitions);
            }
            if (distribute != null) {
                spark.sparkContext().addFile(distribute);
                transformer.setDistributedModel(new Path(distribute).getName());
            }
            return annotate(spark, fs, outPath, transformer.setIdCol(NoteInputs.ID).setTextCol(NoteInputs.TEXT)
                    .transform(notes), err);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    private int annotate(SparkSession spark, FileSystem fs, Path outPath, Dataset<Row> annotated, PrintWriter err)
            throws IOException {
        long started = System.nanoTime();
        annotated = annotated.persist(StorageLevel.MEMORY_AND_DISK()); // analysed once for every output
        try {
            Dataset<Row> rows = annotated.select(NoteInputs.ID, AnnotationColumns.ENTITIES,
                    AnnotationColumns.RELATIONS, AnnotationColumns.ERROR);
            List<String> failures = new ArrayList<>();
            for (OutputFormat format : new LinkedHashSet<>(formats)) {
                String folder = new Path(outPath, format.name()).toString();
                switch (format) {
                    case parquet -> rows.write().parquet(folder);
                    case jsonl -> rows.write().json(folder);
                    case brat -> failures.addAll(writeBrat(spark, fs, outPath, annotated));
                }
            }
            Row counts = annotated.agg(functions.count(functions.lit(1)),
                    functions.count(functions.col(AnnotationColumns.ERROR)),
                    functions.sum(functions.size(functions.col(AnnotationColumns.ENTITIES))),
                    functions.sum(functions.size(functions.col(AnnotationColumns.RELATIONS)))).first();
            long failed = writeErrorReport(fs, outPath, annotated, failures, err);
            double seconds = (System.nanoTime() - started) / 1e9;
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.printf(Locale.ROOT, "%d notes, %d with an error; %d entities, %d relations; %.1f s (%.1f "
                            + "notes/s, model loading included)%n", counts.getLong(0), counts.getLong(1),
                    counts.isNullAt(2) ? 0 : counts.getLong(2), counts.isNullAt(3) ? 0 : counts.getLong(3),
                    seconds, counts.getLong(0) / seconds);
            stdout.flush();
            return failed == 0 ? 0 : 3;
        } finally {
            annotated.unpersist();
        }
    }

    /** Writes the .ann files and brat's configuration; returns the errors.tsv lines of notes not written. */
    private static List<String> writeBrat(SparkSession spark, FileSystem fs, Path outPath, Dataset<Row> annotated)
            throws IOException {
        List<String> facts = annotated.select(NoteInputs.ID, NoteInputs.TEXT, AnnotationColumns.ENTITIES,
                        AnnotationColumns.RELATIONS)
                .mapPartitions(new BratPartitionWriter(outPath.toString(), spark.sparkContext().hadoopConfiguration()),
                        Encoders.STRING())
                .collectAsList(); // each partition's facts are distinct already: a few lines per partition
        BratConfiguration configuration = new BratConfiguration();
        BratPartitionWriter.facts(facts, BratPartitionWriter.ENTITY_TYPE)
                .forEach(f -> configuration.addEntityType(f[1]));
        BratPartitionWriter.facts(facts, BratPartitionWriter.RELATION_TYPE)
                .forEach(f -> configuration.addRelationType(f[1], f[2], f[3]));
        HadoopFiles.write(fs, new Path(outPath, BratConfiguration.ANNOTATION_CONF), configuration.annotationConf());
        HadoopFiles.write(fs, new Path(outPath, BratConfiguration.VISUAL_CONF), configuration.visualConf());
        return BratPartitionWriter.facts(facts, BratPartitionWriter.FAILURE).stream()
                .map(f -> ErrorReportWriter.line(f[1], "BratWriter", f[2])).toList();
    }

    /**
     * Writes {@code DIR/errors.tsv} (as {@code annotate} does: a header, then one row per problem, by document id)
     * and lists the problems on stderr; returns how many there are. Only the error rows (id and message) come to
     * the driver.
     */
    private static long writeErrorReport(FileSystem fs, Path outPath, Dataset<Row> annotated, List<String> writeFailures,
                                         PrintWriter err) throws IOException {
        StringBuilder tsv = new StringBuilder(ErrorReportWriter.HEADER).append('\n');
        long count = 0;
        List<String> lines = new ArrayList<>();
        for (Row row : annotated.filter(functions.col(AnnotationColumns.ERROR).isNotNull())
                .select(NoteInputs.ID, AnnotationColumns.ERROR).collectAsList()) {
            lines.add(ErrorReportWriter.line(row.isNullAt(0) ? "(no id)" : row.getString(0), COMPONENT,
                    row.getString(1)));
        }
        lines.addAll(writeFailures);
        lines.sort(null); // by note id, as annotate's report
        for (String line : lines) {
            tsv.append(line).append('\n');
            err.println("jnrf spark-annotate: " + line.replace('\t', ' '));
            count++;
        }
        err.flush();
        HadoopFiles.write(fs, new Path(outPath, ErrorReportWriter.REPORT_FILE_NAME), tsv.toString());
        return count;
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
