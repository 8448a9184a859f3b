package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jnrf.corpus.CorpusFiles;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.PredictionOptions;
import org.jnrf.uima.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PruneVocabularyCommandTest {
    @TempDir
    Path dir;

    @Test
    void thePrunedModelIsSmallerAndPredictsTheSameOnTheTextsItKept() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 5);
        Path pruned = dir.resolve("pruned.zip");
        StringWriter err = new StringWriter();
        CommandLine cli = cli(err);

        assertEquals(0, cli.execute("prune-vocabulary", "--model", TestModels.trainedModel().toString(), "--out",
                pruned.toString(), notes.toString()), err.toString());

        JnrfModel before = JnrfModel.load(TestModels.trainedModel());
        JnrfModel after = JnrfModel.load(pruned);
        assertTrue(after.vocabulary().size() < before.vocabulary().size(),
                after.vocabulary().size() + " vs " + before.vocabulary().size());
        assertTrue(Files.size(pruned) < Files.size(TestModels.trainedModel()));
        for (Path txt : CorpusFiles.listBySuffix(notes, ".txt")) {
            String text = Files.readString(txt);
            assertEquals(before.predict("n", text, PredictionOptions.defaults()),
                    after.predict("n", text, PredictionOptions.defaults()), txt.toString());
        }
    }

    @Test
    void keepFirstKeepsTheLeadingPiecesAsWell() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 2);
        Path small = dir.resolve("small.zip");
        Path larger = dir.resolve("larger.zip");
        CommandLine cli = new CommandLine(new JnrfCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cli.execute("prune-vocabulary", "--model", TestModels.trainedModel().toString(), "--out",
                small.toString(), notes.toString()));
        assertEquals(0, cli.execute("prune-vocabulary", "--model", TestModels.trainedModel().toString(), "--out",
                larger.toString(), "--keep-first", "300", notes.toString()));
        JnrfModel original = JnrfModel.load(TestModels.trainedModel());
        JnrfModel kept = JnrfModel.load(larger);
        assertTrue(kept.vocabulary().size() > JnrfModel.load(small).vocabulary().size());
        for (int id = 0; id < 300; id++) {
            assertEquals(original.vocabulary().piece(id), kept.vocabulary().piece(id), "piece " + id);
        }
    }

    @Test
    void aModelWithAContextualEncoderIsRefusedWithItsName() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 1);
        Path out = dir.resolve("pruned.zip");
        StringWriter err = new StringWriter();
        assertEquals(2, cli(err).execute("prune-vocabulary", "--model",
                "classpath:org/jnrf/resources/models/jnrf-phee-default.zip", "--out", out.toString(),
                notes.toString()), err.toString());
        assertTrue(err.toString().contains(
                "jnrf-phee-default.zip: the model reads its pieces through a contextual encoder"),
                err.toString());
        assertTrue(Files.notExists(out));
        JnrfModel encoderModel = org.jnrf.uima.ModelLocation.defaultModel().load(); // the encoder default
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> org.jnrf.model.VocabularyPruning.prune(encoderModel, java.util.List.of("aspirin")));
        assertTrue(refused.getMessage().contains("contextual encoder"), refused.getMessage());
    }

    private static CommandLine cli(StringWriter err) {
        CommandLine cli = new CommandLine(new JnrfCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        return cli;
    }
}
