package org.jnrf.ctakes;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.ctakes.typesystem.type.constants.CONST;
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

/**
 * Which cTAKES type, and which cTAKES {@code typeID}, stands for each of our entity categories (n2c2 2018 and TAC
 * 2017 schemas). The type ids are those cTAKES' own components give: {@link CONST#NE_TYPE_ID_DRUG} for a
 * MedicationMention (DrugMentionAnnotator), finding and disorder ids for SignSymptomMention and
 * DiseaseDisorderMention (dictionary lookup), the generic modifier id for medication modifiers (cTAKES'
 * IdentifiedAnnotationBuilder) and the severity class for a SeverityModifier (cTAKES' gold readers).
 */
public final class CtakesCategoryMap {
    /** How to create the cTAKES annotation of a category, and its typeID. */
    private record CtakesType(Function<JCas, IdentifiedAnnotation> factory, int typeId) {
    }

    private final Map<String, CtakesType> types;

    private CtakesCategoryMap(Map<String, CtakesType> types) {
        this.types = types;
    }

    /** n2c2 2018 medication categories, PHEE's (same names) and TAC 2017's AdverseReaction and Severity. */
    public static CtakesCategoryMap standard() {
        return new CtakesCategoryMap(Map.ofEntries(
                entry("drug", MedicationMention::new, CONST.NE_TYPE_ID_DRUG),
                entry("strength", MedicationStrengthModifier::new, CONST.NE_TYPE_ID_GENERIC_MODIFIER),
                entry("dosage", MedicationDosageModifier::new, CONST.NE_TYPE_ID_GENERIC_MODIFIER),
                entry("frequency", MedicationFrequencyModifier::new, CONST.NE_TYPE_ID_GENERIC_MODIFIER),
                entry("route", MedicationRouteModifier::new, CONST.NE_TYPE_ID_GENERIC_MODIFIER),
                entry("form", MedicationFormModifier::new, CONST.NE_TYPE_ID_GENERIC_MODIFIER),
                entry("duration", MedicationDurationModifier::new, CONST.NE_TYPE_ID_GENERIC_MODIFIER),
                entry("ade", SignSymptomMention::new, CONST.NE_TYPE_ID_FINDING),
                entry("adversereaction", SignSymptomMention::new, CONST.NE_TYPE_ID_FINDING),
                entry("reason", DiseaseDisorderMention::new, CONST.NE_TYPE_ID_DISORDER),
                entry("severity", SeverityModifier::new, CONST.MODIFIER_TYPE_ID_SEVERITY_CLASS)));
    }

    private static Map.Entry<String, CtakesType> entry(
            String lowerCaseCategory, Function<JCas, IdentifiedAnnotation> factory, int typeId) {
        return Map.entry(lowerCaseCategory, new CtakesType(factory, typeId));
    }

    /**
     * A new (unindexed) cTAKES annotation over the entity's span with its typeID, or null if the category has no
     * counterpart.
     */
    IdentifiedAnnotation create(JCas jcas, Entity entity) {
        String category = entity.getCategory();
        if (category == null) {
            return null;
        }
        CtakesType type = types.get(category.toLowerCase(Locale.ROOT));
        if (type == null) {
            return null;
        }
        IdentifiedAnnotation mention = type.factory().apply(jcas);
        mention.setBegin(entity.getBegin());
        mention.setEnd(entity.getEnd());
        mention.setTypeID(type.typeId());
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
