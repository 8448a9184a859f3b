package org.jnrf.ctakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.apache.ctakes.core.util.annotation.IdentifiedAnnotationUtil;
import org.apache.ctakes.core.util.annotation.SemanticGroup;
import org.apache.ctakes.typesystem.type.constants.CONST;
import org.apache.ctakes.typesystem.type.refsem.MedicationStrength;
import org.apache.ctakes.typesystem.type.relation.BinaryTextRelation;
import org.apache.ctakes.typesystem.type.textsem.DiseaseDisorderMention;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.apache.ctakes.typesystem.type.textsem.MedicationMention;
import org.apache.ctakes.typesystem.type.textsem.MedicationStrengthModifier;
import org.apache.ctakes.typesystem.type.textsem.SignSymptomMention;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FSArray;
import org.apache.uima.jcas.tcas.Annotation;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityFragment;
import org.jnrf.type.EntityRelation;
import org.junit.jupiter.api.Test;

class CtakesTypeWriterTest {
    private static final String TEXT = "Rash after amoxicillin 500 mg and 250 mg for otitis; unknown thing.";

    @Test
    void mirrorsEntitiesAndRelationsAsCtakesTypes() throws Exception {
        JCas jcas = note();
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
        assertSame(medication, ade.getArg1().getArgument(), "cTAKES' direction: the Drug first");
        assertEquals("Argument", ade.getArg1().getRole());
        assertEquals("Rash", ade.getArg2().getArgument().getCoveredText());
        assertEquals("Related_to", ade.getArg2().getRole());
        assertEquals(0.9, ade.getConfidence(), 1e-9);
        assertEquals(4, relations.stream().mapToInt(BinaryTextRelation::getId).distinct().filter(id -> id > 0)
                .count(), "each relation has its own id");
        assertEquals(5, JCasUtil.select(jcas, IdentifiedAnnotation.class).size());
    }

    @Test
    void mentionsCarryTheFeaturesCtakesComponentsSetAndCtakesUtilitiesRead() throws Exception {
        JCas jcas = note();
        Entity drug = entity(jcas, "Drug", "amoxicillin", 0.95);
        relation(jcas, "Strength-Drug", entity(jcas, "Strength", "500 mg", 0.8), drug, 0.85);
        Entity reason = entity(jcas, "Reason", "otitis", 0.7);
        // "Rash ... otitis" also as one discontinuous ADE of two fragments
        Entity rash = entity(jcas, "ADE", "Rash", 0.9);
        Entity split = new Entity(jcas, rash.getBegin(), reason.getEnd());
        split.setCategory("ADE");
        split.setConfidence(0.5);
        FSArray<EntityFragment> fragments = new FSArray<>(jcas, 2);
        fragments.set(0, new EntityFragment(jcas, rash.getBegin(), rash.getEnd()));
        fragments.set(1, new EntityFragment(jcas, reason.getBegin(), reason.getEnd()));
        split.setFragments(fragments);
        split.addToIndexes();
        new CtakesTypeWriter().write(jcas);

        MedicationMention medication = JCasUtil.selectSingle(jcas, MedicationMention.class);
        assertEquals(CONST.NE_TYPE_ID_DRUG, medication.getTypeID());
        assertEquals(SemanticGroup.DRUG, SemanticGroup.getBestGroup(medication), "cTAKES reads it as a Drug");
        assertEquals(CONST.NE_POLARITY_NEGATION_ABSENT, medication.getPolarity());
        assertFalse(IdentifiedAnnotationUtil.isNegated(medication));
        assertEquals(CONST.NE_DISCOVERY_TECH_EXPLICIT_AE, medication.getDiscoveryTechnique());
        assertSame(drug, medication.getOriginalText(0), "a contiguous mention comes from our entity");
        MedicationStrengthModifier modifier = medication.getMedicationStrength();
        assertEquals(CONST.NE_TYPE_ID_GENERIC_MODIFIER, modifier.getTypeID());
        MedicationStrength normalized = (MedicationStrength) modifier.getNormalizedForm();
        assertEquals("500", normalized.getNumber());
        assertEquals("mg", normalized.getUnit());
        assertEquals("500mg", modifier.getCategory(), "as cTAKES' DrugMentionAnnotator: number and unit");
        assertEquals(SemanticGroup.FINDING,
                SemanticGroup.getBestGroup(JCasUtil.select(jcas, SignSymptomMention.class).iterator().next()));
        assertEquals(SemanticGroup.DISORDER,
                SemanticGroup.getBestGroup(JCasUtil.selectSingle(jcas, DiseaseDisorderMention.class)));

        List<IdentifiedAnnotation> mentions = List.copyOf(JCasUtil.select(jcas, IdentifiedAnnotation.class));
        assertEquals(5, mentions.size());
        assertEquals(5, mentions.stream().mapToInt(IdentifiedAnnotation::getId).filter(id -> id > 0).distinct()
                .count(), "each mention has its own id");
        SignSymptomMention discontinuous = JCasUtil.select(jcas, SignSymptomMention.class).stream()
                .filter(m -> m.getEnd() == reason.getEnd()).findFirst().orElseThrow();
        assertEquals(2, discontinuous.getOriginalText().size());
        assertEquals(List.of("Rash", "otitis"), discontinuous.getOriginalText().stream()
                .map(fs -> ((Annotation) fs).getCoveredText()).toList());
    }

    @Test
    void idsContinueAfterThoseAlreadyInTheCas() throws Exception {
        JCas jcas = note();
        MedicationMention earlier = new MedicationMention(jcas, 0, 4);
        earlier.setId(7);
        earlier.addToIndexes();
        entity(jcas, "Drug", "amoxicillin", 0.95);
        new CtakesTypeWriter().write(jcas);
        assertEquals(List.of(7, 8), JCasUtil.select(jcas, MedicationMention.class).stream()
                .map(MedicationMention::getId).toList());
    }

    private static JCas note() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(TEXT);
        return jcas;
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
