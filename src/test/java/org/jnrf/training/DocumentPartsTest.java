package org.jnrf.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.testing.TestCorpora;
import org.junit.jupiter.api.Test;

/** Training documents cut into parts at blank lines ({@code documentPartChars}). */
class DocumentPartsTest {
    @Test
    void tacLabelsAreCutAtBlankLinesKeepingEveryEntityWithItsText() throws IOException {
        List<AnnotatedDocument> labels = BratFixtures.read(TestCorpora.TAC_DEV, 2); // 15.5k and 2.6k characters
        DocumentParts.Split split = DocumentParts.split(labels, 1500);
        assertEquals(2, split.documentsCut(), "both labels are longer than 1,500 characters");
        int entities = 0;
        int relations = 0;
        for (AnnotatedDocument label : labels) {
            Map<String, EntityMention> whole = label.entitiesById();
            StringBuilder joined = new StringBuilder();
            for (AnnotatedDocument part : split.documents()) {
                if (!part.documentId().startsWith(label.documentId() + " (part ")) {
                    continue;
                }
                assertTrue(part.text().length() <= 1500 || noFreeBlankLine(part),
                        part.documentId() + ": longer only where no cut was allowed");
                for (EntityMention e : part.entities()) {
                    assertEquals(whole.get(e.id()).coveredText(label.text()), e.coveredText(part.text()), e.id());
                }
                entities += part.entities().size();
                relations += part.relations().size();
                joined.append(part.text());
            }
            assertEquals(label.text(), joined.toString(), "the parts are the label, in order");
        }
        int allEntities = labels.stream().mapToInt(l -> l.entities().size()).sum();
        int allRelations = labels.stream().mapToInt(l -> l.relations().size()).sum();
        assertEquals(allEntities, entities, "no entity is cut");
        assertEquals(allRelations, relations + split.relationsLeftOut());
        assertTrue(split.documents().size() >= 10, split.documents().size() + " parts");
        assertSame(labels, DocumentParts.split(labels, 0).documents(), "0: off");
    }

    /** Whether every blank line inside the part lies inside one of its entities. */
    private static boolean noFreeBlankLine(AnnotatedDocument part) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\n\\s*\n").matcher(part.text());
        while (m.find()) {
            int c = m.end();
            if (c < part.text().length() && part.entities().stream().noneMatch(e -> e.begin() < c && c < e.end())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void noCutInsideAnEntityAndARelationAcrossACutIsCounted() {
        String text = "Drug A causes rash.\n\nLater a\n\nheadache.\n\nDrug B.\n\nNo more.";
        List<EntityMention> entities = List.of(
                new EntityMention("T1", "Drug", new TextSpan(0, 6)),
                new EntityMention("T2", "ADE", new TextSpan(14, 18)),
                // spans the second blank line: no cut there
                new EntityMention("T3", "ADE", List.of(new TextSpan(27, 28), new TextSpan(30, 38)), 1.0),
                new EntityMention("T4", "Drug", new TextSpan(41, 47)));
        List<RelationMention> relations = List.of(new RelationMention("R1", "ADE-Drug", "T2", "T1"),
                new RelationMention("R2", "ADE-Drug", "T3", "T4"));
        AnnotatedDocument d = new AnnotatedDocument("d", text, entities, relations);
        DocumentParts.Split split = DocumentParts.split(List.of(d), 10);
        List<String> texts = new ArrayList<>();
        split.documents().forEach(p -> texts.add(p.text()));
        assertEquals(List.of("Drug A causes rash.\n\n", "Later a\n\nheadache.\n\n", "Drug B.\n\nNo more."), texts);
        assertEquals("a headache", split.documents().get(1).entities().get(0).coveredText(texts.get(1)));
        assertEquals(1, split.relationsLeftOut(), "R2 joins the second and third parts");
        assertEquals(List.of(relations.get(0)), split.documents().get(0).relations());
    }

    @Test
    void trainingOnPartsTakesAStepPerPart() throws IOException {
        ComputeThreads.set(1);
        List<AnnotatedDocument> labels = BratFixtures.read(TestCorpora.TAC_DEV, 2);
        int parts = DocumentParts.split(labels, 3000).documents().size();
        TrainingConfig config = TrainingConfig.builder().width(16).relationDim(4).layers(1).expansion(2).epochs(1)
                .vocabularySize(300).minPieceFrequency(1).anchorType("AdverseReaction").documentPartChars(3000)
                .build();
        StepCounter counter = new StepCounter();
        new Trainer(config).train(labels, List.of(), counter);
        assertTrue(parts >= 6, parts + " parts");
        assertEquals(parts, counter.steps());
        assertEquals(parts, counter.stepsPerEpoch());
    }
}
