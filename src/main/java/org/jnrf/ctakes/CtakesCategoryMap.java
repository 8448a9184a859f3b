package org.jnrf.ctakes;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.ctakes.typesystem.type.textsem.DiseaseDisorderMention;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.apache.ctakes.typesystem.type.textsem.MedicationDosageModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationDurationModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationFormModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationFrequencyModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationMention;
import org.apache.ctakes.typesystem.type.textsem.MedicationRouteModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationStrengthModifier;
import org.apache.ctakes.typesystem.type.textsem.SeverityModifier;
import org.apache.ctakes.typesystem.type.textsem.SignSymptomMention;
import org.apache.uima.jcas.JCas;
import org.jnrf.type.Entity;

/** Which cTAKES type stands for each of our entity categories (n2c2 2018 and TAC 2017 schemas). */
public final class CtakesCategoryMap {
    private final Map<String, Function<JCas, IdentifiedAnnotation>> factories;

    private CtakesCategoryMap(Map<String, Function<JCas, IdentifiedAnnotation>> factories) {
        this.factories = factories;
    }

    /** n2c2 2018 medication categories, PHEE's (same names) and TAC 2017's AdverseReaction and Severity. */
    public static CtakesCategoryMap standard() {
        return new CtakesCategoryMap(Map.ofEntries(
                entry("drug", MedicationMention::new),
                entry("strength", MedicationStrengthModifier::new),
                entry("dosage", MedicationDosageModifier::new),
                entry("frequency", MedicationFrequencyModifier::new),
                entry("route", MedicationRouteModifier::new),
                entry("form", MedicationFormModifier::new),
                entry("duration", MedicationDurationModifier::new),
                entry("ade", SignSymptomMention::new),
                entry("adversereaction", SignSymptomMention::new),
                entry("reason", DiseaseDisorderMention::new),
                entry("severity", SeverityModifier::new)));
    }

    private static Map.Entry<String, Function<JCas, IdentifiedAnnotation>> entry(
            String lowerCaseCategory, Function<JCas, IdentifiedAnnotation> factory) {
        return Map.entry(lowerCaseCategory, factory);
    }

    /** A new (unindexed) cTAKES annotation over the entity's span, or null if the category has no counterpart. */
    IdentifiedAnnotation create(JCas jcas, Entity entity) {
        String category = entity.getCategory();
        if (category == null) {
            return null;
        }
        Function<JCas, IdentifiedAnnotation> factory = factories.get(category.toLowerCase(Locale.ROOT));
        if (factory == null) {
            return null;
        }
        IdentifiedAnnotation mention = factory.apply(jcas);
        mention.setBegin(entity.getBegin());
        mention.setEnd(entity.getEnd());
        return mention;
    }

    /** Sets the medication's modifier feature matching the modifier's type, unless it is already set. */
    static void attachModifier(MedicationMention medication, IdentifiedAnnotation modifier) {
        if (modifier instanceof MedicationStrengthModifier m && medication.getMedicationStrength() == null) {
            medication.setMedicationStrength(m);
        } else if (modifier instanceof MedicationDosageModifier m && medication.getMedicationDosage() == null) {
            medication.setMedicationDosage(m);
        } else if (modifier instanceof MedicationFrequencyModifier m && medication.getMedicationFrequency() == null) {
            medication.setMedicationFrequency(m);
        } else if (modifier instanceof MedicationRouteModifier m && medication.getMedicationRoute() == null) {
            medication.setMedicationRoute(m);
        } else if (modifier instanceof MedicationFormModifier m && medication.getMedicationForm() == null) {
            medication.setMedicationForm(m);
        } else if (modifier instanceof MedicationDurationModifier m && medication.getMedicationDuration() == null) {
            medication.setMedicationDuration(m);
        }
    }
}
