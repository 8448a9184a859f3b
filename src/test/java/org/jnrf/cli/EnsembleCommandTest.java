package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.PredictionOptions;
import org.jnrf.uima.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleCommandTest extends CliTestSupport {
    @TempDir
    Path dir;

    @Test
    void combinesTunesOnDevAndWritesOneLoadableFile() throws Exception {
        Path dev = TestModels.copyCorpus(TestModels.PHEE_DEV, dir.resolve("dev"), 8);
        Path model = TestModels.trainedModel();
        Path ensemble = dir.resolve("ensemble.zip");

        assertEquals(0, run("ensemble", "--out", ensemble.toString(), "--dev", dev.toString(), model.toString(),
                model.toString()), err.toString());

        assertTrue(out.toString().contains("first 1 network(s): relation threshold"), out.toString());
        assertTrue(out.toString().contains("first 2 network(s): relation threshold"), out.toString());
        assertTrue(out.toString().contains("tuned on 8 dev documents"), out.toString());
        assertTrue(out.toString().contains("2 networks written"), out.toString());
        JnrfModel loaded = JnrfModel.load(ensemble);
        JnrfModel single = JnrfModel.load(model);
        assertEquals(2, loaded.memberCount());
        assertTrue(loaded.config().relationThreshold() != null);
        assertEquals(2, loaded.config().memberThresholds().size());
        assertEquals(loaded.config().relationThreshold(), loaded.config().memberThresholds().get(1));
        // two copies of one network: the ensemble decides as the network does, at the ensemble's threshold
        PredictionOptions options = loaded.defaultOptions();
        String text = TestModels.someTrainingText();
        AnnotatedDocument expected = single.predict("n", text, options);
        assertEquals(expected, loaded.predict("n", text, options));
    }

    @Test
    void eightBitMatricesShrinkTheFile() throws Exception {
        Path model = TestModels.trainedModel();
        Path f32 = dir.resolve("f32.zip");
        Path int8 = dir.resolve("int8.zip");
        assertEquals(0, run("ensemble", "--out", f32.toString(), "--relation-threshold", "0.6", model.toString(),
                model.toString()), err.toString());
        assertEquals(0, run("ensemble", "--out", int8.toString(), "--int8", "matrices", "--sentence-breaks",
                model.toString(), model.toString()), err.toString());
        assertTrue(JnrfModel.load(int8).config().countsSentenceBreaks());
        assertTrue(!JnrfModel.load(f32).config().countsSentenceBreaks());
        assertTrue(Files.size(int8) < Files.size(f32) / 2, Files.size(int8) + " vs " + Files.size(f32));
        assertEquals(0.6, JnrfModel.load(f32).defaultOptions().relationThreshold());
        assertEquals(0.5, JnrfModel.load(int8).defaultOptions().relationThreshold());
    }

    @Test
    void oneModelIsStoredAgainWithItsThresholdTunedAndEightBitMatrices() throws Exception {
        Path dev = TestModels.copyCorpus(TestModels.PHEE_DEV, dir.resolve("dev"), 8);
        Path model = TestModels.trainedModel();
        Path shipped = dir.resolve("shipped.zip");
        assertEquals(0, run("ensemble", "--out", shipped.toString(), "--dev", dev.toString(), "--int8", "matrices",
                model.toString()), err.toString());
        assertTrue(out.toString().contains("first 1 network(s): relation threshold"), out.toString());
        JnrfModel loaded = JnrfModel.load(shipped);
        assertEquals(1, loaded.memberCount());
        assertEquals(null, loaded.config().memberThresholds(), "stored as a single network, as older builds read it");
        assertTrue(loaded.config().relationThreshold() != null);
        assertTrue(Files.size(shipped) < Files.size(model) / 2, Files.size(shipped) + " vs " + Files.size(model));
    }

    @Test
    void anUnreadableMemberIsNamedAndNothingIsWritten() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.zip"), "not a model");
        Path target = dir.resolve("out.zip");
        assertEquals(1, run("ensemble", "--out", target.toString(), TestModels.trainedModel().toString(),
                broken.toString()));
        assertTrue(err.toString().contains("broken.zip"), err.toString());
        assertTrue(Files.notExists(target));
        assertEquals(2, run("ensemble", "--out", target.toString(), "--relation-threshold", "1.5",
                TestModels.trainedModel().toString(), TestModels.trainedModel().toString()));
    }
}
