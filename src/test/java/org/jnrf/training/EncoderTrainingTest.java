package org.jnrf.training;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.PredictionOptions;
import org.jnrf.model.Tensor;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.transformer.BertShape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny contextual encoder (2 layers, width 32, 2 heads, random weights) trained jointly with the heads. */
class EncoderTrainingTest {
    private static List<AnnotatedDocument> docs;

    @BeforeAll
    static void setUp() {
        ComputeThreads.set(1);
        docs = BratFixtures.read(BratFixtures.PHEE_TRAIN, 4);
    }

    /** Through the name=value settings of the command line; windows of 24 positions, so notes span several. */
    private static TrainingConfig config(String... more) {
        List<String> settings = new ArrayList<>(List.of("hidden=32", "relationDim=8", "layers=1", "expansion=2",
                "encoder=random", "encoderLayers=2", "encoderWidth=32", "encoderHeads=2", "encoderIntermediate=64",
                "encoderPositions=24", "encoderLearningRate=1e-3", "learningRate=3e-3", "epochs=5",
                "schedule=constant", "warmupFraction=0", "vocabularySize=400", "minPieceFrequency=1", "patience=0",
                "seed=5"));
        settings.addAll(List.of(more));
        return TrainingSettings.apply(TrainingConfig.defaults(), settings);
    }

    private static Map<String, float[]> encoderWeights(JnrfModel model) {
        return model.weights().stream().filter(t -> t.name().startsWith(BertShape.PREFIX))
                .collect(Collectors.toMap(Tensor::name, t -> t.data().clone()));
    }

    @Test
    void trainsJointlyAndTheSavedModelPredictsTheSame(@TempDir Path dir) throws IOException {
        List<Double> losses = new ArrayList<>();
        JnrfModel model = new Trainer(config()).train(docs, List.of(), (epoch, loss, snapshot) -> {
            losses.add(loss);
            return epoch; // keep the last epoch
        });
        assertTrue(losses.get(losses.size() - 1) < 0.7 * losses.get(0), "losses " + losses);
        assertNotNull(model.config().encoder());
        assertEquals(2, model.config().encoder().shape().layers());
        assertEquals(new BertShape(model.config().vocabularySize(), 24, 2, 32, 2, 2, 64, 1e-12).tensorNames().size(),
                encoderWeights(model).size());
        Path zip = dir.resolve("encoder.zip");
        model.save(zip);
        JnrfModel reloaded = JnrfModel.load(zip);
        assertEquals(model.config(), reloaded.config());
        for (AnnotatedDocument d : docs) {
            AnnotatedDocument before = model.predict(d.documentId(), d.text(), PredictionOptions.defaults());
            AnnotatedDocument after = reloaded.predict(d.documentId(), d.text(), PredictionOptions.defaults());
            assertEquals(before, after, d.documentId());
        }
    }

    @Test
    void aFrozenEncoderKeepsItsWeightsAndTheHeadsStillLearn() throws IOException {
        // the same seed draws the same initial weights: after training they are unchanged when frozen
        Map<String, float[]> initial = encoderWeights(new Trainer(config("epochs=1", "learningRate=1e-12",
                "encoderLearningRate=1e-12")).train(docs.subList(0, 1), List.of(), (e, l, s) -> e));
        JnrfModel frozen = new Trainer(config("encoderTrainableLayers=frozen", "epochs=2"))
                .train(docs.subList(0, 1), List.of(), (e, l, s) -> e);
        Map<String, float[]> after = encoderWeights(frozen);
        for (Map.Entry<String, float[]> e : initial.entrySet()) {
            float[] a = after.get(e.getKey());
            float[] b = e.getValue();
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            assertTrue(worst < 1e-6, e.getKey() + " moved by " + worst);
        }
        JnrfModel tuned = new Trainer(config("encoderTrainableLayers=1", "epochs=2"))
                .train(docs.subList(0, 1), List.of(), (e, l, s) -> e);
        Map<String, float[]> top = encoderWeights(tuned);
        // the frozen run's weights are the initial ones exactly
        assertFalse(Arrays.equals(after.get(BertShape.layerPart(1, "query.weight")),
                top.get(BertShape.layerPart(1, "query.weight"))), "the top layer learns");
        assertTrue(Arrays.equals(after.get(BertShape.layerPart(0, "query.weight")),
                top.get(BertShape.layerPart(0, "query.weight"))), "the layer below stays");
        assertTrue(Arrays.equals(after.get(BertShape.wordEmbeddings()), top.get(BertShape.wordEmbeddings())));
    }
}
