package org.jnrf.training;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.jnrf.network.LabelSpace;
import org.jnrf.network.TokenRange;
import org.jnrf.network.TrainingExample;
import org.jnrf.testing.TestCorpora;
import org.jnrf.text.BasicTokenizer;
import org.jnrf.text.Vocabulary;
import org.jnrf.text.WordPieceTokenizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExampleEncoderTest {
    //                                 0         1         2         3         4
    //                                 0123456789012345678901234567890123456789012345
    private static final String TEXT = "aspirin caused severe gastric bleeding and rash";
    private static final LabelSpace LABELS = new LabelSpace(List.of("ADE", "Drug"), "Drug", List.of("ADE-Drug"),
            new boolean[][]{{true, false}});

    private static WordPieceTokenizer tokenizer() {
        List<String> pieces = new ArrayList<>(Vocabulary.SPECIAL_TOKENS);
        pieces.addAll(List.of("aspirin", "caused", "severe", "gastric", "bleed", "##ing", "and", "rash"));
        return new WordPieceTokenizer(Vocabulary.of(pieces), BasicTokenizer.uncased());
    }

    @Test
    void bioTagsDiscontinuousAndOverlappingEntities() {
        List<EntityMention> entities = List.of(
                new EntityMention("T1", "Drug", new TextSpan(0, 7)),
                // "gastric bleeding": tokens 3..6 (bleed ##ing)
                new EntityMention("T2", "ADE", new TextSpan(22, 38)),
                // overlaps T2 and is shorter: not tagged, still a gold span
                new EntityMention("T3", "ADE", new TextSpan(30, 38)),
                // discontinuous "severe ... rash"
                new EntityMention("T4", "ADE", List.of(new TextSpan(15, 21), new TextSpan(43, 47)), 1.0));
        List<RelationMention> relations = List.of(new RelationMention("R1", "ADE-Drug", "T2", "T1"),
                new RelationMention("R2", "ADE-Drug", "T4", "T1"),
                // reversed direction: anchor as modifier, left out
                new RelationMention("R3", "ADE-Drug", "T1", "T3"));
        ExampleEncoder.Encoded e = new ExampleEncoder(tokenizer(), LABELS)
                .encode(new AnnotatedDocument("d", TEXT, entities, relations));
        TrainingExample ex = e.example();
        // tokens: aspirin caused severe gastric bleed ##ing and rash
        // O=0, B-ADE=1, I-ADE=2, B-Drug=3, I-Drug=4
        assertArrayEquals(new int[]{3, 0, 1, 1, 2, 2, 0, 1}, ex.bioTags());
        assertEquals(1, e.untaggedOverlapping());
        assertEquals(1, e.skippedRelations());
        assertEquals(4, ex.entities().size());
        assertEquals(List.of(new TokenRange(2, 3), new TokenRange(7, 8)), ex.entities().get(3).ranges());
        assertEquals(List.of(new TokenRange(4, 6)), ex.entities().get(2).ranges());
        assertEquals(2, ex.relations().size());
    }

    @Test
    void sentenceBreaksReachTheTrainingExamplesLineFeature() {
        AnnotatedDocument doc = AnnotatedDocument.unannotated("d", "Aspirin caused rash. Severe rash.");
        assertArrayEquals(new int[]{0, 0, 0, 0, 1, 1, 1},
                new ExampleEncoder(tokenizer(), LABELS, true).encode(doc).example().lineIndex());
        assertArrayEquals(new int[]{0, 0, 0, 0, 0, 0, 0},
                new ExampleEncoder(tokenizer(), LABELS).encode(doc).example().lineIndex());
        assertTrue(TrainingSettings.productDefaults().toBuilder().sentenceBreaks(true).build().sentenceBreaks());
    }

    @Test
    void emptyTextGivesNoExample() {
        assertNull(new ExampleEncoder(tokenizer(), LABELS).encode(AnnotatedDocument.unannotated("d", " ")).example());
    }

    @Test
    void unknownTypesAndMissingEntitiesNameTheDocument() {
        ExampleEncoder enc = new ExampleEncoder(tokenizer(), LABELS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> enc.encode(
                new AnnotatedDocument("note-7", TEXT, List.of(new EntityMention("T1", "Route", new TextSpan(0, 7))),
                        List.of())));
        assertEquals(true, e.getMessage().contains("note-7") && e.getMessage().contains("Route"));
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> enc.encode(
                new AnnotatedDocument("note-8", TEXT, List.of(new EntityMention("T1", "Drug", new TextSpan(0, 7))),
                        List.of(new RelationMention("R1", "ADE-Drug", "T9", "T1")))));
        assertEquals(true, r.getMessage().contains("note-8") && r.getMessage().contains("R1"));
    }

    @Test
    void labelSpaceFromDocuments() {
        List<AnnotatedDocument> docs = BratFixtures.read(BratFixtures.PHEE_TRAIN, 40);
        LabelSpace labels = LabelSpaces.fromDocuments(docs, null);
        assertEquals("Drug", labels.anchorType());
        for (int r = 0; r < labels.relationTypes().size(); r++) {
            String type = labels.relationTypes().get(r);
            // PHEE relations are named <Modifier>-Drug
            assertEquals(List.of(type.substring(0, type.indexOf('-'))), labels.modifierTypes(r));
        }
        assertThrows(IllegalArgumentException.class, () -> LabelSpaces.fromDocuments(docs, "Nonexistent"));
    }

    @Test
    void longTacLabelsWithAnotherSchema() {
        List<AnnotatedDocument> docs = BratFixtures.read(TestCorpora.TAC_TRAIN, 3);
        LabelSpace labels = LabelSpaces.fromDocuments(docs, null);
        assertEquals("AdverseReaction", labels.anchorType());
        org.jnrf.text.VocabularyBuilder builder = new org.jnrf.text.VocabularyBuilder(BasicTokenizer.uncased(), 2000, 1);
        docs.forEach(d -> builder.add(d.text()));
        ExampleEncoder encoder = new ExampleEncoder(new WordPieceTokenizer(builder.build(), BasicTokenizer.uncased()),
                labels);
        for (AnnotatedDocument d : docs) {
            ExampleEncoder.Encoded e = encoder.encode(d);
            TrainingExample ex = e.example();
            org.junit.jupiter.api.Assertions.assertTrue(ex.tokenIds().length > 300, d.documentId());
            assertEquals(d.entities().size() - e.emptyEntities(), ex.entities().size());
            assertEquals(d.relations().size() - e.skippedRelations(), ex.relations().size());
            long tagged = java.util.Arrays.stream(ex.bioTags()).filter(t -> t % 2 == 1).count();
            assertEquals(true, tagged >= ex.entities().size() - e.untaggedOverlapping(), d.documentId());
        }
    }
}
