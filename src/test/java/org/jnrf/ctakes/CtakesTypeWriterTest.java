package org.jnrf.ctakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.apache.ctakes.typesystem.type.relation.BinaryTextRelation;
import org.apache.ctakes.typesystem.type.textsem.DiseaseDisorderMention;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.apache.ctakes.typesystem.type.textsem.MedicationMention;
import org.apache.ctakes.typesystem.type.textsem.MedicationStrengthModifier;
import org.apache.ctakes.typesystem.type.textsem.SignSymptomMention;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityRelation;
import org.junit.jupiter.api.Test;

class CtakesTypeWriterTest {
    private static final String TEXT = "Rash after amoxicillin 500 mg and 250 mg for otitis; unknown thing.";

    @Test
    void mirrorsEntitiesAndRelationsAsCtakesTypes() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(TEXT);
        Entity rash = entity(jcas, "ADE", "Rash", 0.9);
        Entity drug = entity(jcas, "Drug", "amoxicillin", 0.95);
        Entity strong = entity(jcas, "Strength", "500 mg", 0.8);
        Entity weak = entity(jcas, "Strength", "250 mg", 0.6);
        Entity reason = entity(jcas, "Reason", "otitis", 0.7);
        entity(jcas, "Animal", "unknown", 0.5);
        relation(jcas, "Strength-Drug", weak, drug, 0.55);
        relation(jcas, "Strength-Drug", strong, drug, 0.85);
        relation(jcas, "ADE-Drug", rash, drug, 0.9);
        relation(jcas, "Reason-Drug", reason, drug, 0.7);

        int added = new CtakesTypeWriter().write(jcas);

        assertEquals(5 + 4, added, "5 mapped entities (Animal has no counterpart) and 4 relations");
        MedicationMention medication = JCasUtil.selectSingle(jcas, MedicationMention.class);
        assertEquals("amoxicillin", medication.getCoveredText());
        assertEquals(0.95f, medication.getConfidence(), 1e-6);
        assertEquals("500 mg", medication.getMedicationStrength().getCoveredText(),
                "the more confident strength wins the single-valued feature");
        assertNull(medication.getMedicationRoute());
        assertEquals(2, JCasUtil.select(jcas, MedicationStrengthModifier.class).size());
        assertEquals("Rash", JCasUtil.selectSingle(jcas, SignSymptomMention.class).getCoveredText());
        assertEquals("otitis", JCasUtil.selectSingle(jcas, DiseaseDisorderMention.class).getCoveredText());

        List<BinaryTextRelation> relations = List.copyOf(JCasUtil.select(jcas, BinaryTextRelation.class));
        assertEquals(4, relations.size());
        BinaryTextRelation ade = relations.stream().filter(r -> r.getCategory().equals("ADE-Drug")).findFirst()
                .orElseThrow();
        assertEquals("Rash", ade.getArg1().getArgument().getCoveredText());
        assertEquals(CtakesTypeWriter.MODIFIER_ROLE, ade.getArg1().getRole());
        assertSame(medication, ade.getArg2().getArgument());
        assertEquals(CtakesTypeWriter.ANCHOR_ROLE, ade.getArg2().getRole());
        assertEquals(0.9, ade.getConfidence(), 1e-9);
        assertEquals(5, JCasUtil.select(jcas, IdentifiedAnnotation.class).size());
    }

    private static Entity entity(JCas jcas, String category, String surface, double confidence) {
        int begin = TEXT.indexOf(surface);
        Entity e = new Entity(jcas, begin, begin + surface.length());
        e.setCategory(category);
        e.setConfidence(confidence);
        e.addToIndexes();
        return e;
    }

    private static void relation(JCas jcas, String category, Entity modifier, Entity anchor, double confidence) {
        EntityRelation r = new EntityRelation(jcas, Math.min(modifier.getBegin(), anchor.getBegin()),
                Math.max(modifier.getEnd(), anchor.getEnd()));
        r.setCategory(category);
        r.setArg1(modifier);
        r.setArg2(anchor);
        r.setConfidence(confidence);
        r.addToIndexes();
    }
}
