package org.jnrf.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.jnrf.corpus.BratCorpus;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.PredictionOptions;
import org.jnrf.uima.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelationThresholdTuningTest {
    @TempDir
    Path dir;

    @Test
    void picksTheBestThresholdOnDevAndTheModelKeepsIt() throws Exception {
        JnrfModel model = JnrfModel.load(TestModels.trainedModel());
        List<AnnotatedDocument> dev = BratCorpus.readAll(TestModels.PHEE_TRAIN).subList(0, 30);

        RelationThresholdTuning.Result tuned = RelationThresholdTuning.tune(model, dev);

        assertTrue(tuned.threshold() > 0 && tuned.threshold() < 1, String.valueOf(tuned.threshold()));
        assertTrue(tuned.lenientRelationMicroF1() >= tuned.atDefault(), tuned.toString());
        EvaluationReport predicted = N2c2Scorer.score(dev, ModelEvaluation.predict(model, dev,
                new PredictionOptions(0, tuned.threshold())));
        double check = predicted.lenientRelationMicroF1();
        assertEquals(check, tuned.lenientRelationMicroF1(), 1e-9, "filtering equals predicting at the threshold");
        assertEquals(check, tuned.report().lenientRelationMicroF1(), 1e-9);
        assertEquals(predicted.strictEntityMicroF1(), tuned.report().strictEntityMicroF1(), 1e-9);
        assertEquals(predicted.strictRelationMicroF1(), tuned.report().strictRelationMicroF1(), 1e-9);

        Path saved = dir.resolve("tuned.zip");
        model.withRelationThreshold(tuned.threshold()).save(saved);
        assertEquals(tuned.threshold(), JnrfModel.load(saved).defaultOptions().relationThreshold());
        assertEquals(PredictionOptions.defaults(), model.defaultOptions(), "an untuned model keeps the defaults");
    }
}
