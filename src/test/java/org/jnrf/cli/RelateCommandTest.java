package org.jnrf.cli;

import org.jnrf.corpus.BratCorpus;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.eval.EvaluationReport;
import org.jnrf.eval.N2c2Scorer;
import org.jnrf.uima.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Relation extraction alone on real PHEE documents, with a broken file in the batch. */
class RelateCommandTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheGoldEntitiesPredictsRelationsAndReportsABrokenFile() throws Exception {
        Path gold = TestModels.copyCorpus(TestModels.PHEE_DEV, dir.resolve("gold"), 12);
        String marker = "ZQXMARKER";
        Files.writeString(gold.resolve("broken.txt"), "Aspirin caused a rash " + marker + ".");
        Files.writeString(gold.resolve("broken.ann"), "T1\tDrug 0 70\tAspirin\n");
        Files.writeString(gold.resolve("broken2.txt"), "Aspirin caused a rash " + marker + ".");
        Files.writeString(gold.resolve("broken2.ann"), "T1\tDrug 0 " + marker + "\tAspirin\n");
        Files.write(gold.resolve("broken3.txt"), ("Aspirin " + marker + " \u00e9").getBytes(StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        StringWriter stdout = new StringWriter();
        CommandLine cli = new CommandLine(new JnrfCommand());
        cli.setOut(new PrintWriter(stdout));
        cli.setErr(new PrintWriter(err));

        assertEquals(3, cli.execute("relate", "--gold", gold.toString(), "--out", out.toString(), "--model",
                TestModels.trainedModel().toString()), err.toString());

        assertTrue(err.toString().contains(gold.resolve("broken.ann") + ", line 1: span 0-70"), err.toString());
        assertTrue(err.toString().contains(gold.resolve("broken2.ann") + ", line 1: the end offset"), err.toString());
        assertTrue(err.toString().contains(gold.resolve("broken3.txt") + ": not valid UTF-8"), err.toString());
        assertFalse(err.toString().contains("caused a rash") || err.toString().contains(marker)
                || stdout.toString().contains(marker), "no note text in messages");
        assertTrue(stdout.toString().startsWith("12 of 15 files written"), stdout.toString());
        for (String broken : List.of("broken.txt", "broken.ann", "broken2.txt", "broken2.ann", "broken3.txt")) {
            Files.delete(gold.resolve(broken));
        }
        List<AnnotatedDocument> expected = BratCorpus.readAll(gold);
        EvaluationReport report = N2c2Scorer.scoreFolders(gold, out);
        assertEquals(12, report.documentCount());
        assertEquals(1.0, report.strictEntityMicroF1(), 1e-12, "the gold entities are kept as they are");
        long predicted = 0;
        for (AnnotatedDocument doc : expected) {
            predicted += Files.readAllLines(out.resolve(doc.documentId() + ".ann")).stream()
                    .filter(l -> l.startsWith("R")).count();
        }
        assertTrue(predicted > 0, "some relations are predicted");
        String conf = Files.readString(out.resolve("annotation.conf"));
        assertTrue(conf.contains("\nDrug\n") && conf.contains("-Drug\tArg1:"), "brat's configuration: " + conf);
        assertTrue(report.lenientRelationMicroF1() > 0.2, "relations from gold entities: "
                + report.lenientRelationMicroF1());
    }

    @Test
    void aLinkInsideTheOutputFolderIsNotWrittenThrough() throws Exception {
        Path gold = Files.createDirectories(dir.resolve("gold").resolve("ward"));
        Files.writeString(gold.resolve("n.txt"), "Took aspirin.");
        Files.writeString(gold.resolve("n.ann"), "T1\tDrug 5 12\taspirin\n");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("ward"), outside);
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new JnrfCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));

        assertEquals(3, cli.execute("relate", "--gold", gold.getParent().toString(), "--out", out.toString(),
                "--model", TestModels.trainedModel().toString()), err.toString());

        assertFalse(Files.exists(outside.resolve("n.ann")), "nothing written through the link");
        assertTrue(err.toString().contains("symbolic link"), err.toString());
    }

    @Test
    void refusesToWriteIntoTheGoldFolder() throws Exception {
        Path gold = TestModels.copyCorpus(TestModels.PHEE_DEV, dir.resolve("gold"), 1);
        CommandLine cli = new CommandLine(new JnrfCommand());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("relate", "--gold", gold.toString(), "--out", gold.toString(), "--model",
                TestModels.trainedModel().toString()));
        assertTrue(err.toString().contains("must not be the --gold folder"), err.toString());
    }
}
