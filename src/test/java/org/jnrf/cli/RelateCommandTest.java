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
        Files.writeString(gold.resolve("broken.txt"), "Aspirin caused a rash.");
        Files.writeString(gold.resolve("broken.ann"), "T1\tDrug 0 70\tAspirin\n");
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        StringWriter stdout = new StringWriter();
        CommandLine cli = new CommandLine(new JnrfCommand());
        cli.setOut(new PrintWriter(stdout));
        cli.setErr(new PrintWriter(err));

        assertEquals(3, cli.execute("relate", "--gold", gold.toString(), "--out", out.toString(), "--model",
                TestModels.trainedModel().toString()), err.toString());

        assertTrue(err.toString().contains("broken.txt"), err.toString());
        assertFalse(err.toString().contains("caused a rash"), "no note text in messages");
        assertTrue(stdout.toString().startsWith("12 of 13 files written"), stdout.toString());
        Files.delete(gold.resolve("broken.txt"));
        Files.delete(gold.resolve("broken.ann"));
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
        assertTrue(report.lenientRelationMicroF1() > 0.2, "relations from gold entities: "
                + report.lenientRelationMicroF1());
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
