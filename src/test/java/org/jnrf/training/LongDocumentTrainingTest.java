package org.jnrf.training;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.jnrf.model.JnrfModel;
import org.jnrf.network.BioScheme;
import org.jnrf.network.EntitySpan;
import org.jnrf.network.LabelSpace;
import org.jnrf.network.TokenRange;
import org.jnrf.network.TrainingExample;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.testing.TestCorpora;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import org.jnrf.model.PredictionOptions;
import org.junit.jupiter.api.io.TempDir;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Learning signal from few long documents: steps over spans of a long document, rare entity types weighed up, and
 * relation types fixed by the schema the training data shows.
 */
class LongDocumentTrainingTest {
    @BeforeAll
    static void singleThread() {
        ComputeThreads.set(1);
    }

    private static TrainingExample tokens(String id, int length) {
        return new TrainingExample(id, new int[length], new int[length], List.of(), List.of());
    }

    @Test
    void aLongDocumentGivesOneStepPerSpanAndAShortOneOneStep() {
        List<StepSpans.Unit> units = StepSpans.of(List.of(tokens("long", 1000), tokens("short", 300)), 300);
        assertEquals(List.of(new StepSpans.Unit(0, new TokenRange(0, 250)), new StepSpans.Unit(0,
                        new TokenRange(250, 500)), new StepSpans.Unit(0, new TokenRange(500, 750)),
                new StepSpans.Unit(0, new TokenRange(750, 1000)), new StepSpans.Unit(1, null)), units);
        assertEquals(List.of(new StepSpans.Unit(0, null), new StepSpans.Unit(1, null)),
                StepSpans.of(List.of(tokens("long", 1000), tokens("short", 300)), 0));
    }

    @Test
    void trainingOnTacLabelsTakesAStepPerSpan() throws IOException {
        List<AnnotatedDocument> labels = BratFixtures.read(TestCorpora.TAC_DEV, 2); // 15.5k and 2.6k characters
        TrainingConfig config = TrainingConfig.builder().width(16).relationDim(4).layers(1).expansion(2).epochs(1)
                .vocabularySize(300).minPieceFrequency(1).anchorType("AdverseReaction").stepTokens(512).build();
        StepCounter counter = new StepCounter();
        new Trainer(config).train(labels, List.of(), counter);
        assertTrue(counter.steps() >= 6, counter.steps() + " steps for two labels");
    }

    @Test
    void rareEntityTypesWeighMoreFromTheirCounts() {
        List<EntitySpan> entities = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entities.add(EntitySpan.of(0, i, i + 1));
        }
        for (int i = 0; i < 25; i++) {
            entities.add(EntitySpan.of(1, 100 + i, 101 + i));
        }
        entities.add(EntitySpan.of(2, 130, 131));
        TrainingExample ex = new TrainingExample("d", new int[140], new int[140], entities, List.of());
        double[] w = EntityTypeWeighting.SQRT_INVERSE_FREQUENCY.tagWeights(List.of(ex), 4);
        assertEquals(BioScheme.tagCount(4), w.length);
        assertEquals(1, w[BioScheme.OUTSIDE]);
        assertEquals(1, w[BioScheme.begin(0)], 1e-12);
        assertEquals(2, w[BioScheme.inside(1)], 1e-12);
        assertEquals(10, w[BioScheme.begin(2)], 1e-12);
        assertEquals(1, w[BioScheme.begin(3)], 1e-12); // never seen: left alone
        assertNull(EntityTypeWeighting.NONE.tagWeights(List.of(ex), 4));
    }

    private static AnnotatedDocument related(String id, String... modifierAndRelationTypes) {
        StringBuilder text = new StringBuilder();
        List<EntityMention> entities = new ArrayList<>();
        List<RelationMention> relations = new ArrayList<>();
        for (int i = 0; i < modifierAndRelationTypes.length; i += 2) {
            int at = text.length();
            text.append("mild rash. ");
            entities.add(new EntityMention("T" + i, modifierAndRelationTypes[i], List.of(new TextSpan(at, at + 4)),
                    1));
            entities.add(new EntityMention("T" + (i + 1), "AdverseReaction",
                    List.of(new TextSpan(at + 5, at + 9)), 1));
            relations.add(new RelationMention("R" + i, modifierAndRelationTypes[i + 1], "T" + i, "T" + (i + 1)));
        }
        return new AnnotatedDocument(id, text.toString(), entities, relations);
    }

    @Test
    void aModifierTypeWithOneRelationTypeIsAllowedOnlyThatOne() {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 199; i++) {
            pairs.addAll(List.of("Severity", "Effect"));
        }
        pairs.addAll(List.of("Severity", "Hypothetical")); // 0.5%: an annotation slip
        for (int i = 0; i < 30; i++) {
            pairs.addAll(List.of("Factor", i % 3 == 0 ? "Effect" : "Hypothetical")); // mixed: the head chooses
        }
        List<AnnotatedDocument> docs = List.of(related("d", pairs.toArray(String[]::new)));
        LabelSpace seen = LabelSpaces.fromDocuments(docs, "AdverseReaction");
        int severity = seen.entityTypes().indexOf("Severity");
        int factor = seen.entityTypes().indexOf("Factor");
        int effect = seen.relationTypes().indexOf("Effect");
        int hypothetical = seen.relationTypes().indexOf("Hypothetical");
        assertTrue(seen.allowed(hypothetical, severity));
        LabelSpace typed = RelationTyping.fromData(seen, docs, 0.99);
        assertTrue(typed.allowed(effect, severity));
        assertTrue(!typed.allowed(hypothetical, severity));
        assertTrue(typed.allowed(effect, factor) && typed.allowed(hypothetical, factor));
        assertEquals(seen, RelationTyping.fromData(seen, docs, 0));
        assertEquals(seen, RelationTyping.fromData(seen, docs, 0.999)); // 99.5% is not enough there
    }

    @Test
    void theTrainedModelStoresTheTypingAndThePairWindow(@TempDir Path dir) throws IOException {
        List<AnnotatedDocument> labels = BratFixtures.read(TestCorpora.TAC_TRAIN, 1);
        TrainingConfig config = TrainingConfig.builder().width(16).relationDim(4).layers(1).expansion(2).epochs(1)
                .vocabularySize(300).minPieceFrequency(1).anchorType("AdverseReaction").sentenceBreaks(true).build();
        JnrfModel model = new Trainer(config).train(labels, List.of(), null);
        LabelSpace seen = LabelSpaces.fromDocuments(labels, "AdverseReaction");
        assertEquals(RelationTyping.fromData(seen, labels, 0.99), model.config().labelSpace());
        assertNotNull(model.config().pairWindow());
        assertEquals(2, model.config().sentenceRuleVersion());
        // the file keeps the window and the rule, and the loaded model predicts the same
        model.save(dir.resolve("m.zip"));
        JnrfModel loaded = JnrfModel.load(dir.resolve("m.zip"));
        assertEquals(model.config(), loaded.config());
        AnnotatedDocument label = labels.get(0);
        PredictionOptions anything = new PredictionOptions(0.0, 0.0);
        List<RelationMention> decided = model.predictRelations(label, anything).relations();
        assertEquals(decided, loaded.predictRelations(label, anything).relations());
        // at threshold 0 every scored pair is a relation: the window's pairs, far fewer than all pairs
        long anchors = label.entities().stream().filter(e -> e.type().equals("AdverseReaction")).count();
        long pairs = (label.entities().size() - anchors) * anchors;
        assertTrue(decided.size() > 0 && decided.size() < pairs / 10, decided.size() + " of " + pairs);
        JnrfModel everyPair = new Trainer(config.toBuilder().pairWindowCoverage(0).relationTypingShare(0).build())
                .train(labels, List.of(), null);
        assertNull(everyPair.config().pairWindow());
        assertEquals(seen, everyPair.config().labelSpace());
    }
}
