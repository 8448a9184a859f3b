package org.jnrf.uima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.corpus.BratReader;
import org.jnrf.corpus.XmiReader;
import org.jnrf.corpus.XmiWriter;
import org.jnrf.model.JnrfModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training engine in real pipelines: BRAT and XMI readers feeding it real PHEE documents. */
class JnrfTrainerTest {
    private static final String[] TINY = {"width=16", "layers=1", "expansion=2", "epochs=2", "vocabularySize=500",
            "learningRate=0.005"};

    @TempDir
    Path dir;

    @Test
    void trainsFromBratWithDevSelectionAndWritesALoadableModel() throws Exception {
        Path train = TestModels.copyCorpus(TestModels.PHEE_TRAIN, dir.resolve("train"), 12);
        Path dev = TestModels.copyCorpus(TestModels.PHEE_DEV, dir.resolve("dev"), 6);
        Path model = dir.resolve("models").resolve("m.zip");

        SimplePipeline.runPipeline(BratReader.description(train), JnrfTrainer.description(model, dev, TINY));

        assertTrue(Files.isRegularFile(model));
        assertFalse(Files.exists(dir.resolve("models").resolve("m.zip.checkpoint")),
                "the checkpoint goes once the model is written");
        JnrfModel loaded = JnrfModel.load(model);
        assertTrue(loaded.entityTypes().contains("Drug"), loaded.entityTypes().toString());
        assertEquals("Drug", loaded.anchorType());
    }

    @Test
    void trainsFromXmiMadeFromBrat() throws Exception {
        Path train = TestModels.copyCorpus(TestModels.PHEE_TRAIN, dir.resolve("train"), 8);
        Path xmi = dir.resolve("xmi");
        SimplePipeline.runPipeline(BratReader.description(train), XmiWriter.description(xmi));
        Path model = dir.resolve("x.zip");

        SimplePipeline.runPipeline(XmiReader.description(xmi), JnrfTrainer.description(model, null, TINY));

        assertTrue(JnrfModel.load(model).relationTypes().contains("ADE-Drug"));
    }

    @Test
    void skipsBrokenDocumentsAndStillTrains() throws Exception {
        Path train = TestModels.copyCorpus(TestModels.PHEE_TRAIN, dir.resolve("train"), 8);
        Files.writeString(train.resolve("zz-broken.txt"), "Aspirin.");
        Files.writeString(train.resolve("zz-broken.ann"), "T1\tDrug 0 77\tAspirin\n");
        Path model = dir.resolve("b.zip");

        SimplePipeline.runPipeline(BratReader.description(train), JnrfTrainer.description(model, null, TINY));

        assertTrue(Files.isRegularFile(model));
    }

    @Test
    void unknownSettingsAreRejectedByName() {
        ResourceInitializationException e = assertThrows(ResourceInitializationException.class,
                () -> AnalysisEngineFactory.createEngine(JnrfTrainer.description(dir.resolve("m.zip"), null,
                        "widht=8")));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        assertTrue(messages.toString().contains("unknown training setting 'widht'"), messages.toString());
    }
}
