package org.jnrf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jnrf.cli.JnrfCommand;
import org.jnrf.corpus.BratAnnFormatter;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.TextSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The Spark job and transformer in local[2] mode on a few notes, against {@code ./jnrf annotate} run in-process on
 * the same notes: the same .ann files, a broken note as an error row and exit 3, Parquet rows that read back into
 * the same documents. One Spark session for the class.
 */
class SparkAnnotateJobTest {
    private static final Path SAMPLES = Path.of("resources", "samples");
    private static SparkSession spark;

    @TempDir
    static Path work;
    private static Path notes;
    private static Path annotateOut;
    private static Path sparkOut;
    private static int sparkExit;
    private static String sparkErr;

    @BeforeAll
    static void annotateBothWays() throws IOException {
        notes = work.resolve("notes");
        Files.createDirectories(notes.resolve("clinic"));
        try (Stream<Path> samples = Files.list(SAMPLES)) {
            for (Path sample : samples.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                Files.copy(sample, notes.resolve(sample.getFileName()));
            }
        }
        String clinic = Files.readString(SAMPLES.resolve("note-003-clinic.txt"));
        // a character outside the BMP before the mentions: BRAT offsets (code points) differ from UTF-16 ones
        Files.writeString(notes.resolve("clinic/emoji.txt"), "\uD83D\uDC8A " + clinic);
        Files.write(notes.resolve("broken.txt"), new byte[] {'a', 's', 'p', (byte) 0xC3, '(', 'x'});

        annotateOut = work.resolve("annotate");
        CommandLine annotate = JnrfCommand.commandLine();
        annotate.setOut(new PrintWriter(new StringWriter()));
        annotate.setErr(new PrintWriter(new StringWriter()));
        assertEquals(3, annotate.execute("annotate", notes.toString(), "--out", annotateOut.toString(),
                "--format", "brat", "--no-progress", "--summary", "none"));

        spark = SparkSession.builder().master("local[2]").appName("jnrf-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        sparkOut = work.resolve("spark");
        CommandLine job = new CommandLine(new SparkAnnotateJob());
        StringWriter err = new StringWriter();
        job.setOut(new PrintWriter(new StringWriter()));
        job.setErr(new PrintWriter(err));
        sparkExit = job.execute(notes.toString(), "--out", sparkOut.toString(), "--format", "brat,parquet,jsonl",
                "--partitions", "2");
        sparkErr = err.toString();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void annFilesEqualAnnotates() throws IOException {
        Map<String, String> expected = annFiles(annotateOut);
        assertEquals(5, expected.size(), expected.keySet().toString()); // 4 samples and the emoji note
        assertTrue(expected.values().stream().anyMatch(ann -> ann.contains("\tDrug ")), "no entity at all");
        assertEquals(expected, annFiles(sparkOut));
        assertEquals(Files.readString(annotateOut.resolve("clinic/emoji.txt")),
                Files.readString(sparkOut.resolve("clinic/emoji.txt")));
        assertEquals(Files.readString(annotateOut.resolve("annotation.conf")),
                Files.readString(sparkOut.resolve("annotation.conf")));
    }

    @Test
    void brokenNoteIsAnErrorRowAndTheRunEndsWithExit3() throws IOException {
        assertEquals(3, sparkExit, sparkErr);
        assertTrue(sparkErr.contains("broken"), sparkErr);
        assertFalse(sparkErr.contains("asp"), "note text in the messages: " + sparkErr);
        List<String> report = Files.readAllLines(sparkOut.resolve("errors.tsv"));
        assertEquals(2, report.size(), report.toString());
        assertTrue(report.get(1).startsWith("broken\t") && report.get(1).contains("not valid UTF-8"),
                report.get(1));
        assertFalse(Files.exists(sparkOut.resolve("broken.ann")));
    }

    @Test
    void parquetHasOneRowPerNoteThatReadsBackIntoTheAnnFiles() throws IOException {
        Dataset<Row> rows = spark.read().parquet(sparkOut.resolve("parquet").toString());
        assertEquals(List.of("id", "entities", "relations", "error"), List.of(rows.columns()));
        Map<String, Row> byId = rows.collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r, (a, b) -> a, TreeMap::new));
        assertEquals(List.of("broken", "clinic/emoji", "note-001-discharge", "note-002-ade", "note-003-clinic",
                "note-004-oncology"), List.copyOf(byId.keySet()));
        assertEquals(6, rows.count(), "a note twice");
        Row broken = byId.get("broken");
        assertNotNull(broken.getString(3));
        assertTrue(broken.getList(1).isEmpty());
        Map<String, String> ann = annFiles(annotateOut);
        for (String id : ann.keySet()) {
            Row row = byId.get(id);
            assertNull(row.getString(3), id);
            String text = Files.readString(notes.resolve(id + ".txt"));
            AnnotatedDocument document = AnnotationColumns.document(id, text, row.getList(1), row.getList(2));
            assertEquals(ann.get(id), BratAnnFormatter.format(document), id);
            for (Row entity : row.<Row>getList(1)) { // UTF-16 offsets: the text column is what they cover
                EntityMention mention = document.entitiesById().get(entity.getString(0));
                assertEquals(mention.coveredText(text), entity.getString(5));
                assertEquals(new TextSpan(entity.getInt(2), entity.getInt(3)).begin(), mention.begin());
            }
        }
        assertEquals(6, spark.read().json(sparkOut.resolve("jsonl").toString()).count());
    }

    @Test
    void jsonLinesInputWithAShippedModelGivesARowPerLine() throws IOException {
        Path jsonl = work.resolve("notes.jsonl");
        Files.writeString(jsonl, "{\"id\": 1, \"text\": \"Ibuprofen 400 mg caused nausea.\"}\n"
                + "{\"id\": 2}\n");
        Path out = work.resolve("from-jsonl");
        CommandLine job = new CommandLine(new SparkAnnotateJob()).setCaseInsensitiveEnumValuesAllowed(true);
        job.setOut(new PrintWriter(new StringWriter()));
        job.setErr(new PrintWriter(new StringWriter()));
        // the model as spark-submit --files ships it: a file each executor finds through SparkFiles
        spark.sparkContext().addFile(Path.of("resources", "models", "jnrf-phee-default.zip").toAbsolutePath()
                .toString());
        assertEquals(3, job.execute("--input", jsonl.toString(), "--input-format", "jsonl", "--output",
                out.toString(), "--model-file", "jnrf-phee-default.zip"));
        List<Row> rows = spark.read().parquet(out.resolve("parquet").toString()).orderBy("id").collectAsList();
        assertEquals(2, rows.size());
        assertNull(rows.get(0).getString(3));
        assertFalse(rows.get(0).getList(1).isEmpty());
        assertEquals("2: no text", rows.get(1).getString(3));
    }

    @Test
    void transformerKeepsTheColumnsAndReportsNotesWithoutText() {
        StructType schema = new StructType().add("note", DataTypes.LongType).add("body", DataTypes.StringType)
                .add("ward", DataTypes.StringType);
        Dataset<Row> input = spark.createDataFrame(List.of(
                RowFactory.create(7L, "Aspirin 81 mg daily caused a rash.", "A"),
                RowFactory.create(8L, null, "B")), schema);
        List<Row> out = new JnrfTransformer().setIdCol("note").setTextCol("body").transform(input)
                .orderBy("note").collectAsList();
        assertEquals(List.of("note", "body", "ward", "entities", "relations", "error"),
                List.of(out.get(0).schema().fieldNames()));
        assertEquals("A", out.get(0).getString(2));
        assertNull(out.get(0).getString(5));
        assertFalse(out.get(0).getList(3).isEmpty(), "no entity in a note naming a drug");
        assertEquals("8: no text", out.get(1).getString(5));
    }

    private static Map<String, String> annFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            Map<String, String> contents = new TreeMap<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".ann")).toList()) {
                String name = folder.relativize(f).toString();
                contents.put(name.substring(0, name.length() - 4), Files.readString(f, StandardCharsets.UTF_8));
            }
            return contents;
        }
    }
}
