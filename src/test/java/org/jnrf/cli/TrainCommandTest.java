package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jnrf.model.JnrfModel;
import org.jnrf.uima.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest extends CliTestSupport {
    @TempDir
    Path dir;

    @Test
    void trainsInTimeBoxedRunsThatResumeFromTheCheckpoint() throws Exception {
        Path train = TestModels.copyCorpus(TestModels.PHEE_TRAIN, dir.resolve("train"), 10);
        Path dev = TestModels.copyCorpus(TestModels.PHEE_DEV, dir.resolve("dev"), 5);
        Path model = dir.resolve("m.zip");
        Path checkpoint = dir.resolve("m.zip.checkpoint");
        String[] common = {"train", "--train", train.toString(), "--dev", dev.toString(), "--out", model.toString(),
                "--width", "16", "--layers", "1", "--expansion", "2", "--epochs", "2", "--lr", "0.005",
                "--set", "vocabularySize=400", "--no-progress"};

        assertEquals(0, run(concat(common, "--stop-after-epochs", "1")), err.toString());
        assertTrue(Files.isRegularFile(model), "the best model so far is written");
        assertTrue(Files.isRegularFile(checkpoint), "and the checkpoint is kept to go on");

        assertEquals(0, run(common), err.toString());
        assertFalse(Files.exists(checkpoint), "a finished run removes its checkpoint");
        JnrfModel trained = JnrfModel.load(model);
        assertTrue(trained.config().relationThreshold() != null, "the relation threshold was tuned on dev");
    }

    @Test
    void trainsWithAnImportedEncoderItsWeightsAndTokenizer() throws Exception {
        Path train = TestModels.copyCorpus(TestModels.PHEE_TRAIN, dir.resolve("train"), 3);
        // an encoder folder as import-encoder writes it: a tiny random BERT (3 layers) and a WordPiece tokenizer
        org.jnrf.text.VocabularyBuilder builder = new org.jnrf.text.VocabularyBuilder(
                org.jnrf.text.BasicTokenizer.uncased(), 300, 1);
        for (Path txt : Files.list(train).filter(p -> p.toString().endsWith(".txt")).toList()) {
            builder.add(Files.readString(txt));
        }
        org.jnrf.text.Vocabulary vocabulary = builder.build();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tokenizer = json.createObjectNode();
        tokenizer.putObject("normalizer").put("type", "BertNormalizer").put("lowercase", true);
        tokenizer.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        com.fasterxml.jackson.databind.node.ObjectNode wordPiece = tokenizer.putObject("model");
        wordPiece.put("type", "WordPiece").put("unk_token", "[UNK]");
        com.fasterxml.jackson.databind.node.ObjectNode vocab = wordPiece.putObject("vocab");
        for (int id = 0; id < vocabulary.size(); id++) {
            vocab.put(vocabulary.pieces().get(id), id);
        }
        org.jnrf.network.transformer.BertShape shape = new org.jnrf.network.transformer.BertShape(vocabulary.size(),
                40, 2, 16, 3, 2, 32, 1e-12);
        org.jnrf.network.transformer.BertEncoder random = new org.jnrf.network.transformer.BertEncoder(shape,
                new org.jnrf.network.layers.Init(9, org.nd4j.linalg.api.buffer.DataType.FLOAT));
        java.util.Map<String, org.jnrf.model.Tensor> tensors = new java.util.LinkedHashMap<>();
        random.params().forEach(p -> tensors.put(p.name(), org.jnrf.model.Tensor.of(p.name(), p.value())));
        Path encoderDir = dir.resolve("encoder");
        org.jnrf.model.EncoderDirectory.write(encoderDir, "tiny", "a test", shape, tensors,
                json.writeValueAsBytes(tokenizer), "test weights\n");

        Path model = dir.resolve("m.zip");
        assertEquals(0, run("train", "--train", train.toString(), "--out", model.toString(), "--encoder",
                encoderDir.toString(), "--width", "16", "--layers", "0", "--epochs", "1", "--set", "encoderLayers=2",
                "--set", "encoderTrainableLayers=1", "--no-progress"), err.toString());
        JnrfModel trained = JnrfModel.load(model);
        assertEquals(2, trained.config().encoder().shape().layers(), "the first two layers kept");
        assertEquals(vocabulary.pieces(), trained.vocabulary().pieces(), "the encoder's tokenizer");
        assertEquals("test weights\n", trained.config().encoderNotice(), "the weights' licence travels in the model");
        assertEquals(4, trained.config().encoder().windowMargin(), "an eighth of the tiny encoder's 38-piece window");
        Path narrower = dir.resolve("narrower.zip");
        assertEquals(0, run("ensemble", "--out", narrower.toString(), "--encoder-window-margin", "2", model.toString()),
                err.toString());
        assertEquals(2, JnrfModel.load(narrower).config().encoder().margin(), "the margin set when storing again");
        Path otherLicence = Files.createDirectories(dir.resolve("licence"));
        Files.writeString(otherLicence.resolve("LICENCE.md"), "other notice\n");
        assertEquals(0, run("ensemble", "--out", narrower.toString(), "--encoder-licence", otherLicence.toString(),
                model.toString()), err.toString());
        assertEquals("other notice\n", JnrfModel.load(narrower).config().encoderNotice());
        assertEquals("test weights\n", JnrfModel.ensemble(List.of(trained, trained)).config().encoderNotice());
        java.util.Map<String, float[]> saved = new java.util.HashMap<>();
        trained.weights().forEach(t -> saved.put(t.name(), t.data()));
        // the layer below the fine-tuned one and the tables are the imported weights, exactly
        for (String name : List.of(org.jnrf.network.transformer.BertShape.wordEmbeddings(),
                org.jnrf.network.transformer.BertShape.layerPart(0, "query.weight"))) {
            assertTrue(java.util.Arrays.equals(tensors.get(name).data(), saved.get(name)), name);
        }
        assertFalse(java.util.Arrays.equals(tensors.get(org.jnrf.network.transformer.BertShape.layerPart(1,
                "query.weight")).data(), saved.get(org.jnrf.network.transformer.BertShape.layerPart(1,
                "query.weight"))), "the top layer was fine-tuned");
        assertFalse(saved.containsKey(org.jnrf.network.transformer.BertShape.layerPart(2, "query.weight")));

        assertEquals(2, run("train", "--train", train.toString(), "--out", model.toString(), "--encoder",
                encoderDir.toString(), "--embeddings", encoderDir.toString()));
        assertTrue(err.toString().contains("--encoder and --embeddings exclude each other"), err.toString());
    }

    @Test
    void brokenTrainingDocumentsAreListedInTheErrorReportBesideTheModelWithoutTheirText() throws Exception {
        String marker = "ZQXMARKER";
        Path train = TestModels.copyCorpus(TestModels.PHEE_TRAIN, dir.resolve("train"), 8);
        List<String> bad = List.of("T1\tDrug 0 " + marker + "\tx\n", "T1\tDrug 0 4\t" + marker + "\n",
                marker + "\n");
        for (int i = 0; i < bad.size(); i++) {
            Files.writeString(train.resolve("broken" + i + ".txt"), "Took " + marker + " daily.");
            Files.writeString(train.resolve("broken" + i + ".ann"), bad.get(i));
        }
        Path model = dir.resolve("models").resolve("m.zip");
        int exit = run("train", "--train", train.toString(), "--out", model.toString(), "--width", "16", "--layers",
                "1", "--expansion", "2", "--epochs", "1", "--set", "vocabularySize=400", "--no-progress");

        assertEquals(3, exit, err.toString());
        assertTrue(Files.isRegularFile(model), "the model is trained on the readable documents");
        List<String> report = Files.readAllLines(model.resolveSibling("errors.tsv"));
        assertEquals(1 + bad.size(), report.size(), report.toString());
        for (int i = 0; i < bad.size(); i++) {
            assertTrue(report.get(1 + i).startsWith("broken" + i + "\tBratReader\t"
                    + train.resolve("broken" + i + ".ann") + ", line 1: "), report.get(1 + i));
        }
        assertTrue(err.toString().contains(model.resolveSibling("errors.tsv").toString()), err.toString());
        assertFalse(err.toString().contains(marker) || out.toString().contains(marker)
                || String.join("\n", report).contains(marker), err.toString());
    }

    @Test
    void brokenDevDocumentsAreEachNamedBeforeAnyTraining() throws Exception {
        String marker = "ZQXMARKER";
        Path train = TestModels.copyCorpus(TestModels.PHEE_TRAIN, dir.resolve("train"), 2);
        Path dev = TestModels.copyCorpus(TestModels.PHEE_DEV, dir.resolve("dev"), 2);
        for (int i = 0; i < 2; i++) {
            Files.writeString(dev.resolve("broken" + i + ".txt"), "Took " + marker + " daily.");
            Files.writeString(dev.resolve("broken" + i + ".ann"), "T1\tDrug 0 4" + i + "\t" + marker + "\n");
        }
        Path model = dir.resolve("m.zip");
        assertEquals(1, run("train", "--train", train.toString(), "--dev", dev.toString(), "--out", model.toString(),
                "--no-progress"));
        for (int i = 0; i < 2; i++) {
            assertTrue(err.toString().contains("jnrf train: --dev: broken" + i + ": " + dev.resolve("broken" + i
                    + ".ann") + ", line 1: span 0-4" + i), err.toString());
        }
        assertTrue(err.toString().contains("2 broken document(s)"), err.toString());
        assertFalse(err.toString().contains(marker) || err.toString().contains("\tat "), err.toString());
        assertFalse(Files.exists(model));
    }

    @Test
    void aMissingCorpusIsAClearError() {
        assertEquals(2, run("train", "--train", dir.resolve("none").toString(), "--out",
                dir.resolve("m.zip").toString()));
        assertTrue(err.toString().contains("--train: no such folder: " + dir.resolve("none")), err.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
