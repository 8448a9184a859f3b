package org.jnrf.training;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.ModelArchiveFormat;
import org.jnrf.model.PredictionOptions;
import org.jnrf.model.Tensor;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.text.AlignedEmbeddings;
import org.jnrf.text.PretrainedEmbeddings;
import org.jnrf.text.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import org.jnrf.model.WeightsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private static List<AnnotatedDocument> docs;

    @BeforeAll
    static void setUp() {
        ComputeThreads.set(1);
        docs = BratFixtures.read(BratFixtures.PHEE_TRAIN, 10);
    }

    private static TrainingConfig.Builder small() {
        return TrainingConfig.builder().width(32).layers(2).expansion(2).relationDim(8).learningRate(3e-3)
                .warmupFraction(0.0).schedule(LearningRateSchedule.Shape.CONSTANT).clipNorm(5).vocabularySize(400)
                .minPieceFrequency(1).patience(0).seed(3);
    }

    @Test
    void learnsTenPheeDocuments() throws IOException {
        List<Double> losses = new ArrayList<>();
        JnrfModel model = new Trainer(small().width(64).relationDim(16).epochs(60).learningRate(2e-3)
                .schedule(LearningRateSchedule.Shape.LINEAR).warmupFraction(0.05).build()).train(docs, List.of(),
                (epoch, loss, snapshot) -> {
                    losses.add(loss);
                    return -loss;
                });
        assertTrue(losses.get(0) > 1, "first epoch loss " + losses.get(0));
        assertTrue(losses.get(losses.size() - 1) < 0.05, "last epoch loss " + losses.get(losses.size() - 1));
        // the training documents come back with their gold entities and most gold relations
        int goldEntities = 0;
        int foundEntities = 0;
        int goldRelations = 0;
        int foundRelations = 0;
        for (AnnotatedDocument gold : docs) {
            AnnotatedDocument p = model.predict(gold.documentId(), gold.text(), PredictionOptions.defaults());
            for (EntityMention e : gold.entities()) {
                goldEntities++;
                if (p.entities().stream().anyMatch(x -> x.type().equals(e.type()) && x.begin() == e.begin()
                        && x.end() == e.end())) {
                    foundEntities++;
                }
            }
            var gById = gold.entitiesById();
            var pById = p.entitiesById();
            for (var r : gold.relations()) {
                goldRelations++;
                EntityMention gm = gById.get(r.modifierId());
                EntityMention ga = gById.get(r.anchorId());
                if (p.relations().stream().anyMatch(x -> x.type().equals(r.type())
                        && pById.get(x.modifierId()).begin() == gm.begin()
                        && pById.get(x.anchorId()).begin() == ga.begin())) {
                    foundRelations++;
                }
            }
        }
        assertTrue(foundEntities >= 0.85 * goldEntities, foundEntities + " of " + goldEntities + " entities");
        assertTrue(foundRelations >= 0.8 * goldRelations, foundRelations + " of " + goldRelations + " relations");
    }

    private static float[][] weights(JnrfModel m) {
        return m.weights().stream().map(Tensor::data).toArray(float[][]::new);
    }

    @ParameterizedTest(name = "weight average decay {0}")
    @ValueSource(doubles = {0.0, 0.9})
    void resumedRunMatchesUninterruptedRun(double averageDecay, @TempDir Path dir) throws IOException {
        List<AnnotatedDocument> five = docs.subList(0, 5);
        List<AnnotatedDocument> dev = docs.subList(5, 7);
        TrainingConfig config = small().width(16).relationDim(4).epochs(3).schedule(LearningRateSchedule.Shape.LINEAR)
                .warmupFraction(0.2).weightAverageDecay(averageDecay).build();
        JnrfModel whole = new Trainer(config).checkpoint(dir.resolve("a.ckpt")).train(five, dev, null);
        Path b = dir.resolve("b.ckpt");
        new Trainer(config).checkpoint(b).stopAfterEpochs(1).train(five, dev, null);
        assertEquals(1, TrainingCheckpoint.read(b).state().epochsCompleted());
        JnrfModel resumed = new Trainer(config).checkpoint(b).train(five, dev, null);
        assertEquals(3, TrainingCheckpoint.read(b).state().epochsCompleted());
        assertEquals(averageDecay > 0, TrainingCheckpoint.read(b).hasAverageWeights());
        // the last epoch's state, not only the best snapshot: current weights and the average match too
        for (String entry : new String[]{ModelArchiveFormat.WEIGHTS_ENTRY, TrainingCheckpoint.AVERAGE_ENTRY}) {
            Map<String, Tensor> x = entryTensors(dir.resolve("a.ckpt"), entry);
            Map<String, Tensor> y = entryTensors(b, entry);
            assertEquals(x.keySet(), y.keySet(), entry);
            for (String name : x.keySet()) {
                assertArrayEquals(x.get(name).data(), y.get(name).data(), 1e-6f, entry + " " + name);
            }
        }
        assertEquals(TrainingCheckpoint.read(dir.resolve("a.ckpt")).state(), TrainingCheckpoint.read(b).state());
        float[][] w1 = weights(whole);
        float[][] w2 = weights(resumed);
        for (int i = 0; i < w1.length; i++) {
            assertArrayEquals(w1[i], w2[i], 1e-6f, "tensor " + i);
        }
    }

    @Test
    void resumesWithFrozenPretrainedEmbeddings(@TempDir Path dir) throws IOException {
        List<AnnotatedDocument> five = docs.subList(0, 5);
        List<AnnotatedDocument> dev = docs.subList(5, 7);
        TrainingConfig config = small().width(16).relationDim(4).epochs(3).build();
        Vocabulary vocabulary = new Trainer(small().width(16).relationDim(4).epochs(1).build()).train(five, dev, null)
                .vocabulary();
        // word2vec text vectors for every tenth piece; the others are drawn from the file's spread
        StringBuilder w2v = new StringBuilder();
        java.util.Random random = new java.util.Random(5);
        int lines = 0;
        for (int id = 5; id < vocabulary.size(); id += 10, lines++) {
            w2v.append(vocabulary.piece(id));
            for (int k = 0; k < 16; k++) {
                w2v.append(' ').append((float) random.nextGaussian());
            }
            w2v.append('\n');
        }
        Path file = dir.resolve("vectors.txt");
        Files.writeString(file, lines + " 16\n" + w2v);
        AlignedEmbeddings pretrained = PretrainedEmbeddings.word2VecText(file).alignTo(vocabulary, 9);

        JnrfModel whole = new Trainer(config).vocabulary(vocabulary).pretrainedEmbeddings(pretrained, false)
                .checkpoint(dir.resolve("a.ckpt")).train(five, dev, null);
        Path b = dir.resolve("b.ckpt");
        new Trainer(config).vocabulary(vocabulary).pretrainedEmbeddings(pretrained, false).checkpoint(b)
                .stopAfterEpochs(1).train(five, dev, null);
        // a frozen table has no optimizer state
        assertTrue(entryTensors(b, TrainingCheckpoint.OPTIMIZER_ENTRY).keySet().stream()
                .noneMatch(name -> name.endsWith("embedding.table")));
        JnrfModel resumed = new Trainer(config).vocabulary(vocabulary).pretrainedEmbeddings(pretrained, false)
                .checkpoint(b).train(five, dev, null);
        float[][] w1 = weights(whole);
        float[][] w2 = weights(resumed);
        for (int i = 0; i < w1.length; i++) {
            assertArrayEquals(w1[i], w2[i], 1e-6f, "tensor " + i);
        }
        Tensor table = whole.weights().stream().filter(t -> t.name().equals("embedding.table")).findFirst()
                .orElseThrow();
        assertArrayEquals(pretrained.matrix(), table.data(), "the frozen table is the pretrained one");
    }

    /** The tensors of one weights entry of a checkpoint zip; empty when the entry is absent. */
    private static Map<String, Tensor> entryTensors(Path checkpoint, String entry) throws IOException {
        Map<String, byte[]> entries;
        try (InputStream in = Files.newInputStream(checkpoint)) {
            entries = ModelArchiveFormat.readEntries(in, checkpoint.toString());
        }
        byte[] bytes = entries.get(entry);
        return bytes == null ? Map.of() : WeightsFile.read(new ByteArrayInputStream(bytes), entry);
    }

    @Test
    void earlyStoppingKeepsTheBestSnapshot() throws IOException {
        List<JnrfModel> snapshots = new ArrayList<>();
        double[] scores = {0.3, 0.5, 0.4, 0.45, 0.2, 0.9};
        JnrfModel best = new Trainer(small().width(16).relationDim(4).epochs(6).patience(2).build())
                .train(docs.subList(0, 3), List.of(), (epoch, loss, snapshot) -> {
                    snapshots.add(snapshot);
                    return scores[epoch];
                });
        assertEquals(4, snapshots.size(), "stops two epochs after the best (epoch 2)");
        float[][] expected = weights(snapshots.get(1));
        float[][] actual = weights(best);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0f);
        }
    }
}
