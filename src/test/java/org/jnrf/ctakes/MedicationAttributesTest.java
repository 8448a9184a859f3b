package org.jnrf.ctakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.ctakes.typesystem.type.refsem.MedicationDuration;
import org.apache.ctakes.typesystem.type.refsem.MedicationForm;
import org.apache.ctakes.typesystem.type.refsem.MedicationFrequency;
import org.apache.ctakes.typesystem.type.refsem.MedicationRoute;
import org.apache.ctakes.typesystem.type.refsem.MedicationStrength;
import org.apache.ctakes.typesystem.type.textsem.MedicationDurationModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationFormModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationFrequencyModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationRouteModifier;
import org.apache.ctakes.typesystem.type.textsem.MedicationStrengthModifier;
import org.apache.ctakes.typesystem.type.textsem.Modifier;
import org.apache.ctakes.typesystem.type.textsem.SeverityModifier;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MedicationAttributesTest {
    private JCas jcas;

    @BeforeEach
    void cas() throws Exception {
        jcas = JCasFactory.createJCas();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "500 mg|500|mg", "10mg|10|mg", "0.5 mg/kg|0.5|mg/kg", "1,000 units|1,000|units", "5-10 mg|5-10|mg",
            "high dose|high dose|''"})
    void strengthIsNumberAndUnit(String text, String number, String unit) {
        MedicationStrength strength = (MedicationStrength) describe(new MedicationStrengthModifier(jcas), text)
                .getNormalizedForm();
        assertEquals(number, strength.getNumber());
        assertEquals(unit, strength.getUnit());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "b.i.d.|2|day", "BID|2|day", "twice a day|2|day", "three times daily|3|day", "q6h|4|day",
            "every 8 hours|3|day", "q.d.|1|day", "once daily|1|day", "every day|1|day", "2x/day|2|day",
            "weekly|1|week", "twice per week|2|week", "q 6-8 hrs|4|day", "1 tab bid|2|day"})
    void countableFrequenciesAreTimesPerUnit(String text, String number, String unit) {
        Modifier modifier = describe(new MedicationFrequencyModifier(jcas), text);
        MedicationFrequency frequency = (MedicationFrequency) modifier.getNormalizedForm();
        assertEquals(number, frequency.getNumber());
        assertEquals(unit, frequency.getUnit());
        assertEquals(number + unit, modifier.getCategory());
    }

    @Test
    void aFrequencyThatCannotBeCountedKeepsItsWords() {
        Modifier modifier = describe(new MedicationFrequencyModifier(jcas), " as needed ");
        MedicationFrequency frequency = (MedicationFrequency) modifier.getNormalizedForm();
        assertEquals("as needed", frequency.getNumber());
        assertNull(frequency.getUnit());
        assertEquals("as needed", modifier.getCategory());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "p.o.|Enteral_Oral", "by mouth|Enteral_Oral", "orally|Enteral_Oral", "IV|Parenteral_Intravenous",
            "i.v.|Parenteral_Intravenous", "intravenous infusion|Parenteral_Intravenous",
            "sub-q|Parenteral_Subcutaneous", "SC|Parenteral_Subcutaneous", "IM|Parenteral_Intramuscular",
            "per rectum|Enteral_Rectal", "via NG tube|Enteral_Gastric", "topically|Topical",
            "sublingual|Parenteral_Transmucosal", "transdermal|Parenteral_Transdermal",
            "intra-arterial|Parenteral_Intra-arterial", "inhaled|Other"})
    void routesTakeCtakesRouteValues(String text, String value) {
        Modifier modifier = describe(new MedicationRouteModifier(jcas), text);
        assertEquals(value, ((MedicationRoute) modifier.getNormalizedForm()).getValue());
        assertEquals(value, modifier.getCategory());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tablet|tablet", "tabs|tablet", "Tablets|tablet", "capsules|capsule", "cap|capsule", "patches|patch",
            "inhaler|inhalant", "ointment|ointment", "drops|other"})
    void formsTakeCtakesFormValues(String text, String value) {
        Modifier modifier = describe(new MedicationFormModifier(jcas), text);
        assertEquals(value, ((MedicationForm) modifier.getNormalizedForm()).getValue());
        assertEquals(value, modifier.getCategory());
    }

    @Test
    void durationsAreKeptAsWrittenAndOtherModifiersAreLeftAlone() {
        Modifier duration = describe(new MedicationDurationModifier(jcas), "for 7 days");
        assertEquals("for 7 days", ((MedicationDuration) duration.getNormalizedForm()).getValue());
        assertEquals("for 7 days", duration.getCategory());
        Modifier severity = describe(new SeverityModifier(jcas), "severe");
        assertNull(severity.getNormalizedForm());
        assertNull(severity.getCategory());
    }

    private Modifier describe(Modifier modifier, String text) {
        MedicationAttributes.describe(jcas, modifier, text);
        return modifier;
    }
}
