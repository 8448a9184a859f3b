package org.jnrf.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrainingSettingsTest {
    @Test
    void appliesNamedSettingsInOrder() {
        TrainingConfig config = TrainingSettings.apply(TrainingSettings.productDefaults(), List.of(
                "width=64", "layers=3", "tied=false", "learningRate=2e-4", "schedule=cosine", "hidden=48",
                "relationClassWeighting=none", "anchorType=AdverseReaction"));
        assertEquals(48, config.hidden(), "a later setting wins");
        assertEquals(64, config.embeddingDim());
        assertEquals(3, config.layers());
        assertFalse(config.tied());
        assertEquals(2e-4, config.learningRate());
        assertEquals(LearningRateSchedule.Shape.COSINE, config.schedule());
        assertEquals(RelationClassWeighting.NONE, config.relationClassWeighting());
        assertEquals("AdverseReaction", config.anchorType());
    }

    @Test
    void productDefaultsAreSizedForCpus() {
        TrainingConfig config = TrainingSettings.productDefaults();
        assertEquals(256, config.hidden());
        assertTrue(config.layers() <= 6);
        assertEquals(4, config.contextWindow());
        assertTrue(config.pairFeatures());
        assertEquals(0.1, config.tokenDropout());
        assertEquals(0.999, config.weightAverageDecay());
        assertEquals(0, TrainingConfig.defaults().contextWindow(), "the reference configuration has no window");
        assertEquals(0, TrainingConfig.defaults().weightAverageDecay(), "the reference keeps no average");
        assertEquals(0.5, TrainingSettings.apply(config, List.of("weightAverageDecay=0.5")).weightAverageDecay());
    }

    @Test
    void badSettingsNameTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingSettings.apply(
                TrainingConfig.defaults(), List.of("layers"))).getMessage().contains("not name=value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingSettings.apply(
                TrainingConfig.defaults(), List.of("layers=many"))).getMessage().contains("training setting layers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingSettings.apply(
                TrainingConfig.defaults(), List.of("tied=yes"))).getMessage().contains("expected true or false"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingSettings.apply(
                TrainingConfig.defaults(), List.of("epochs=0"))).getMessage().contains("epochs must be positive"));
    }
}
