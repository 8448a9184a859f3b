package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.model.EncoderDirectory;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.PredictionOptions;
import org.jnrf.model.Tensor;
import org.jnrf.network.transformer.BertShape;
import org.jnrf.testing.MiniLm;
import org.jnrf.uima.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code jnrf train --encoder DIR}: one epoch on 10 PHEE documents starts from all-MiniLM-L6-v2 as import-encoder
 * wrote it (cut to its first layer to keep the suite fast), and writes a model that uses MiniLM's tokenizer and
 * annotates.
 */
class TrainFromEncoderTest extends CliTestSupport {
    @TempDir
    Path dir;

    @Test
    void oneEpochFromMiniLmWritesAModelThatAnnotates() throws Exception {
        Path encoder = dir.resolve("minilm");
        assertEquals(0, run("import-encoder", "--from-maven-jar", MiniLm.jar().toString(), "--out",
                encoder.toString(), "--layers", "1"), err.toString());
        Path train = TestModels.copyCorpus(TestModels.PHEE_TRAIN, dir.resolve("train"), 10);
        Path model = dir.resolve("m.zip");
        assertEquals(0, run("train", "--train", train.toString(), "--out", model.toString(), "--encoder",
                encoder.toString(), "--width", "16", "--layers", "1", "--expansion", "2", "--epochs", "1",
                "--no-progress"), err.toString());

        JnrfModel trained = JnrfModel.load(model);
        assertNotNull(trained.config().encoder(), "the model has a contextual encoder");
        assertEquals(new BertShape(30522, 512, 2, 384, 1, 12, 1536, 9.999999960041972E-13),
                trained.config().encoder().shape());
        assertEquals(30522, trained.vocabulary().size(), "the model uses MiniLM's vocabulary");
        assertTrue(trained.config().lowerCase() && trained.config().stripAccents(), "and its tokenizer's settings");
        // rows of the word table no training document reached are MiniLM's own: training started from it
        Map<String, INDArray> minilm = EncoderDirectory.read(encoder).weights();
        Tensor table = trained.weights().stream().filter(t -> t.name().equals(BertShape.wordEmbeddings()))
                .findFirst().orElseThrow();
        int zebra = trained.vocabulary().id("zebra");
        assertArrayEquals(minilm.get(BertShape.wordEmbeddings()).getRow(zebra).toFloatVector(),
                java.util.Arrays.copyOfRange(table.data(), zebra * 384, zebra * 384 + 384), 1e-6f); // weight averaging
        // rounds; a row of its own would differ by about 0.02

        String text = Files.readString(Files.list(train).filter(f -> f.toString().endsWith(".txt")).sorted()
                .findFirst().orElseThrow());
        AnnotatedDocument annotated = trained.predict("n1", text, PredictionOptions.defaults());
        assertEquals(text, annotated.text());
        assertFalse(annotated.entities().isEmpty() && annotated.relations().size() > 0);

        assertEquals(2, run("train", "--train", train.toString(), "--out", model.toString(), "--encoder",
                encoder.toString(), "--embeddings", encoder.toString()));
        assertTrue(err.toString().contains("--encoder and --embeddings exclude each other"), err.toString());
    }

    @Test
    void startsFromTheFineTunedEncoderOfTheShippedModel() throws Exception {
        String shipped = "classpath:org/jnrf/resources/models/jnrf-phee-default.zip";
        JnrfModel source = org.jnrf.uima.ModelLocation.defaultModel().load();
        Path train = TestModels.copyCorpus(TestModels.PHEE_TRAIN, dir.resolve("train"), 4);
        Path model = dir.resolve("from-default.zip");
        // its first encoder layer only, frozen with the tables, so that the test stays fast and the check exact
        assertEquals(0, run("train", "--train", train.toString(), "--out", model.toString(), "--encoder-from-model",
                shipped, "--width", "16", "--layers", "0", "--epochs", "1", "--set", "encoderLayers=1", "--set",
                "encoderTrainableLayers=frozen", "--no-progress"), err.toString());

        JnrfModel trained = JnrfModel.load(model);
        assertEquals(source.config().encoder().shape().withLayers(1), trained.config().encoder().shape());
        assertEquals(source.vocabulary().pieces(), trained.vocabulary().pieces(), "the source model's tokenizer");
        assertTrue(trained.config().encoderNotice().startsWith(source.config().encoderNotice().stripTrailing()),
                "the encoder's licence notice travels on");
        assertTrue(trained.config().encoderNotice().contains("jnrf-phee-default.zip"), "with where it was tuned");
        Map<String, float[]> started = new java.util.HashMap<>();
        source.weights().forEach(t -> started.put(t.name(), t.data()));
        Map<String, float[]> saved = new java.util.HashMap<>();
        trained.weights().forEach(t -> saved.put(t.name(), t.data()));
        Map<String, INDArray> minilm = EncoderDirectory.read(minilmOneLayer()).weights();
        for (String name : List.of(BertShape.wordEmbeddings(), BertShape.layerPart(0, "query.weight"),
                BertShape.layerPart(0, "outputNorm.gain"))) {
            assertArrayEquals(started.get(name), saved.get(name), name + ": the shipped model's fine-tuned weights");
            assertFalse(java.util.Arrays.equals(minilm.get(name).data().asFloat(), saved.get(name)),
                    name + ": not MiniLM's own");
        }
        assertFalse(saved.containsKey(BertShape.layerPart(1, "query.weight")), "one layer kept");

        // the shipped FNet ensemble has no encoder to give; --encoder and --encoder-from-model exclude each other
        assertEquals(1, run("train", "--train", train.toString(), "--out", dir.resolve("x.zip").toString(),
                "--encoder-from-model", "classpath:org/jnrf/resources/models/jnrf-phee-fnet-ensemble.zip",
                "--epochs", "1", "--no-progress"));
        assertTrue(err.toString().contains("has no contextual encoder to start from"), err.toString());
        assertEquals(2, run("train", "--train", train.toString(), "--out", dir.resolve("x.zip").toString(),
                "--encoder", minilmOneLayer().toString(), "--encoder-from-model", shipped));
        assertTrue(err.toString().contains("--encoder and --encoder-from-model exclude each other"), err.toString());
    }

    private Path minilmOneLayer() throws Exception {
        Path encoder = dir.resolve("minilm1");
        if (!Files.isRegularFile(encoder.resolve(EncoderDirectory.ENCODER_JSON))) {
            assertEquals(0, run("import-encoder", "--from-maven-jar", MiniLm.jar().toString(), "--out",
                    encoder.toString(), "--layers", "1"), err.toString());
        }
        return encoder;
    }
}
