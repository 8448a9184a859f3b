package org.jnrf.cas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.tcas.Annotation;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityFragment;
import org.jnrf.type.EntityRelation;
import org.jnrf.type.SourceDocument;
import org.junit.jupiter.api.Test;

class CasAnnotationsTest {
    private static final String TEXT = "Aspirin 81 mg caused severe gastric bleeding.";
    private static final AnnotatedDocument DOCUMENT = new AnnotatedDocument("doc", TEXT,
            List.of(new EntityMention("T1", "Drug", List.of(new TextSpan(0, 7)), 0.9),
                    new EntityMention("T2", "Strength", new TextSpan(8, 13)),
                    new EntityMention("T3", "ADE", List.of(new TextSpan(21, 27), new TextSpan(36, 44)), 0.7)),
            List.of(new RelationMention("R1", "ADE-Drug", "T3", "T1", 0.6),
                    new RelationMention("R2", "Strength-Drug", "T2", "T1", 0.8)));

    @Test
    void writesEntitiesAndRelationsInTheDocumentedLayout() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        Map<String, Entity> entities = CasAnnotations.write(jcas, DOCUMENT);
        assertEquals(TEXT, jcas.getDocumentText());

        Entity drug = entities.get("T1");
        assertEquals("Drug", drug.getCategory());
        assertEquals(0.9, drug.getConfidence());
        assertEquals("T1", drug.getSourceId());
        assertNull(drug.getFragments(), "contiguous: no fragments");

        Entity ade = entities.get("T3");
        assertEquals(21, ade.getBegin());
        assertEquals(44, ade.getEnd());
        assertEquals(2, ade.getFragments().size());
        EntityFragment second = ade.getFragments(1);
        assertEquals("bleeding", second.getCoveredText());
        assertTrue(jcas.select(EntityFragment.class).isEmpty(), "fragments are not indexed");

        EntityRelation adeDrug = jcas.select(EntityRelation.class)
                .filter(r -> r.getCategory().equals("ADE-Drug")).toList().get(0);
        assertSame(ade, adeDrug.getArg1());
        assertSame(drug, adeDrug.getArg2());
        assertEquals(0, adeDrug.getBegin());
        assertEquals(44, adeDrug.getEnd());
        assertEquals(0.6, adeDrug.getConfidence());
        assertEquals("R1", adeDrug.getSourceId());
    }

    @Test
    void addAnnotationsReturnsWhatItAddedAndNothingElse() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        CasAnnotations.write(jcas, DOCUMENT);
        CasAnnotations.Added added = CasAnnotations.addAnnotations(jcas,
                List.of(new EntityMention("T1", "Drug", new TextSpan(0, 7)),
                        new EntityMention("T2", "ADE", new TextSpan(36, 44))),
                List.of(new RelationMention("R1", "ADE-Drug", "T2", "T1", 0.5)));
        assertEquals(List.of("T1", "T2"), List.copyOf(added.entities().keySet()));
        assertEquals(1, added.relations().size());
        EntityRelation relation = added.relations().get(0);
        assertSame(added.entities().get("T2"), relation.getArg1());
        assertSame(added.entities().get("T1"), relation.getArg2());
        assertEquals(0.5, relation.getConfidence());
        assertEquals(3, jcas.select(EntityRelation.class).count(), "the earlier relations stay in the CAS");
    }

    @Test
    void readsBackWhatWasWritten() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        CasAnnotations.write(jcas, DOCUMENT);
        SourceDocuments.set(jcas, "doc", null, "x/doc");
        AnnotatedDocument read = CasAnnotations.read(jcas);
        assertEquals(DOCUMENT.documentId(), read.documentId());
        assertEquals(DOCUMENT.text(), read.text());
        assertEquals(DOCUMENT.entities(), read.entities(), "same ids, types, fragments, confidences, text order");
        assertEquals(Map.of("R1", DOCUMENT.relations().get(0), "R2", DOCUMENT.relations().get(1)),
                Map.of(read.relations().get(0).id(), read.relations().get(0),
                        read.relations().get(1).id(), read.relations().get(1)));
    }

    @Test
    void generatesIdsThatDoNotCollideWithSourceIds() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(TEXT);
        Entity a = entity(jcas, 0, 7, null);
        Entity b = entity(jcas, 8, 13, "T1");
        Entity c = entity(jcas, 21, 27, null);
        EntityRelation r = new EntityRelation(jcas, 0, 13);
        r.setCategory("Strength-Drug");
        r.setArg1(b);
        r.setArg2(a);
        r.addToIndexes();

        AnnotatedDocument read = CasAnnotations.read(jcas);
        assertEquals(List.of("T2", "T1", "T3"), read.entities().stream().map(EntityMention::id).toList());
        assertEquals(List.of(new RelationMention("R1", "Strength-Drug", "T1", "T2", 0.0)), read.relations());
        assertEquals("", read.documentId(), "no SourceDocument");
        assertEquals(read, CasAnnotations.read(jcas), "stable");
        assertEquals(3, jcas.select(Annotation.class).filter(x -> x instanceof Entity).count());
        assertEquals(c, jcas.select(Entity.class).get(2));
    }

    @Test
    void refusesInconsistentInputWithoutAddingAnything() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(TEXT);
        assertThrows(IllegalArgumentException.class, () -> CasAnnotations.write(jcas,
                AnnotatedDocument.unannotated("d", "other text")));
        assertThrows(IllegalArgumentException.class, () -> CasAnnotations.addAnnotations(jcas,
                List.of(new EntityMention("T1", "Drug", new TextSpan(0, 7))),
                List.of(new RelationMention("R1", "ADE-Drug", "T2", "T1"))));
        assertThrows(IllegalArgumentException.class, () -> CasAnnotations.addAnnotations(jcas,
                List.of(new EntityMention("T1", "Drug", new TextSpan(0, 470))), List.of()));
        assertTrue(jcas.select(Entity.class).isEmpty());
    }

    @Test
    void relationToAnUnindexedEntityIsReportedOnRead() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(TEXT);
        Entity indexed = entity(jcas, 0, 7, "T1");
        Entity loose = new Entity(jcas, 8, 13);
        EntityRelation r = new EntityRelation(jcas, 0, 13);
        r.setArg1(loose);
        r.setArg2(indexed);
        r.addToIndexes();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CasAnnotations.read(jcas));
        assertTrue(e.getMessage().contains("modifier that is missing or not an indexed Entity"), e.getMessage());
    }

    @Test
    void sourceDocumentIsSingleAndErrorsKeepTheirOrder() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        SourceDocuments.set(jcas, "old", null, null);
        SourceDocument source = SourceDocuments.set(jcas, "new", "file:/x/new.txt", "x/new");
        assertSame(source, SourceDocuments.get(jcas).orElseThrow());
        assertEquals("x/new", SourceDocuments.outputPath(jcas));
        assertEquals("new", SourceDocuments.describe(jcas));

        for (int i = 0; i < 20; i++) {
            DocumentErrors.add(jcas, "c" + i, "m" + i);
        }
        assertEquals(20, DocumentErrors.list(jcas).size());
        for (int i = 0; i < 20; i++) {
            assertEquals("c" + i, DocumentErrors.list(jcas).get(i).getComponent());
            assertEquals("m" + i, DocumentErrors.list(jcas).get(i).getMessage());
        }
        assertTrue(DocumentErrors.hasAny(jcas));
        assertThrows(IllegalStateException.class, () -> SourceDocuments.outputPath(JCasFactory.createJCas()));
    }

    private static Entity entity(JCas jcas, int begin, int end, String sourceId) {
        Entity e = new Entity(jcas, begin, end);
        e.setCategory("Drug");
        e.setSourceId(sourceId);
        e.addToIndexes();
        return e;
    }
}
