package org.jnrf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jnrf.network.compute.ComputeThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleBuilderTest {
    @BeforeAll
    static void oneThread() {
        ComputeThreads.set(1);
    }

    @Test
    void tunesAThresholdForEachNumberOfLeadingNetworksAndStoresThem(@TempDir Path dir) throws Exception {
        EnsembleBuilder builder = new EnsembleBuilder(List.of(JnrfModelTest.randomModel(1),
                JnrfModelTest.randomModel(2)), false, EnsembleBuilder.Int8.none);
        List<Integer> tunedFor = new ArrayList<>();
        builder.tuneMemberThresholds(model -> {
            tunedFor.add(model.memberCount());
            return 0.25 * model.memberCount();
        });
        assertEquals(List.of(1, 2), tunedFor);
        Path file = dir.resolve("ensemble.zip");
        builder.save(file);
        JnrfModel loaded = JnrfModel.load(file);
        assertEquals(2, loaded.memberCount());
        assertEquals(0.25, loaded.firstMembers(1).defaultOptions().relationThreshold());
        assertEquals(0.5, loaded.defaultOptions().relationThreshold());
    }

    @Test
    void eightBitEmbeddingsPredictAsTheFileHoldsThem(@TempDir Path dir) throws Exception {
        JnrfModel a = JnrfModelTest.randomModel(1);
        EnsembleBuilder builder = new EnsembleBuilder(List.of(a, a), true, EnsembleBuilder.Int8.embeddings);
        builder.relationThreshold(0.3);
        Path file = dir.resolve("ensemble.zip");
        builder.save(file);
        JnrfModel loaded = JnrfModel.load(file);
        String text = JnrfModelTest.TEXTS.get(0);
        PredictionOptions all = new PredictionOptions(0, 0);
        assertEquals(builder.ensemble().predict("d", text, all), loaded.predict("d", text, all));
        assertEquals(0.3, loaded.defaultOptions().relationThreshold());
        assertTrue(loaded.config().countsSentenceBreaks());
    }

    @Test
    void membersOfOtherVocabulariesAreRefused() throws Exception {
        JnrfModel a = JnrfModelTest.randomModel(1);
        JnrfModel pruned = VocabularyPruning.prune(a, List.of(JnrfModelTest.TEXTS.get(0)));
        assertThrows(IllegalArgumentException.class,
                () -> new EnsembleBuilder(List.of(a, pruned), false, EnsembleBuilder.Int8.none));
    }
}
