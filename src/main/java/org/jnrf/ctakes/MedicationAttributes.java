package org.jnrf.ctakes;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.ctakes.typesystem.type.refsem.Attribute;
import org.apache.ctakes.typesystem.type.refsem.MedicationDosage;
import org.apache.ctakes.typesystem.type.refsem.MedicationDuration;
import org.apache.ctakes.typesystem.type.refsem.MedicationForm;
import org.apache.ctakes.typesystem.type.refsem.MedicationFrequency;
import org.apache.ctakes.typesystem.type.refsem.MedicationRoute;
import org.apache.ctakes.typesystem.type.refsem.MedicationStrength;
import org.apache.ctakes.typesystem.type.textsem.MedicationDosageModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationDurationModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationFormModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationFrequencyModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationRouteModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationStrengthModifier;
import org.apache.ctakes.typesystem.type.textsem.Modifier;
import org.apache.uima.jcas.JCas;

/**
 * Fills a medication modifier's {@code normalizedForm} (the {@code refsem} attribute cTAKES' consumers read, such
 * as its MedicationTableFileWriter) and {@code category} the way cTAKES' DrugMentionAnnotator does: strength and
 * frequency as number and unit, dosage, duration, form and route as a value; the category is the value, or number
 * and unit run together.
 */
final class MedicationAttributes {
    private static final String NUMBER = "(?:\\d[\\d,]*(?:\\.\\d+)?|\\.\\d+)";
    /** A leading amount ("500", "0.5", "1,000", "5-10", "1/2") and the unit after it ("mg", "mg/kg"). */
    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile(
            "^(" + NUMBER + "(?:\\s*(?:-|to|/)\\s*" + NUMBER + ")?)\\s*(.*)$");

    private MedicationAttributes() {
    }

    /** Sets the modifier's normalized form and category from its text; other modifiers are left alone. */
    static void describe(JCas jcas, Modifier modifier, String text) {
        String value = text.trim();
        if (modifier instanceof MedicationStrengthModifier) {
            MedicationStrength strength = new MedicationStrength(jcas);
            Matcher amount = AMOUNT_AND_UNIT.matcher(value);
            strength.setNumber(amount.matches() ? amount.group(1) : value);
            strength.setUnit(amount.matches() ? amount.group(2) : "");
            set(modifier, strength, strength.getNumber() + strength.getUnit());
        } else if (modifier instanceof MedicationFrequencyModifier) {
            FrequencyNormalizer.Frequency counted = FrequencyNormalizer.normalize(value);
            MedicationFrequency frequency = new MedicationFrequency(jcas);
            frequency.setNumber(counted.number());
            frequency.setUnit(counted.unit());
            set(modifier, frequency, counted.number() + (counted.unit() == null ? "" : counted.unit()));
        } else if (modifier instanceof MedicationDosageModifier) {
            MedicationDosage dosage = new MedicationDosage(jcas);
            dosage.setValue(value);
            set(modifier, dosage, value);
        } else if (modifier instanceof MedicationDurationModifier) {
            MedicationDuration duration = new MedicationDuration(jcas);
            duration.setValue(value);
            set(modifier, duration, value);
        } else if (modifier instanceof MedicationRouteModifier) {
            MedicationRoute route = new MedicationRoute(jcas);
            route.setValue(AdministrationVocabulary.route(value));
            set(modifier, route, route.getValue());
        } else if (modifier instanceof MedicationFormModifier) {
            MedicationForm form = new MedicationForm(jcas);
            form.setValue(AdministrationVocabulary.form(value));
            set(modifier, form, form.getValue());
        }
    }

    private static void set(Modifier modifier, Attribute normalized, String category) {
        modifier.setNormalizedForm(normalized);
        modifier.setCategory(category);
    }
}
