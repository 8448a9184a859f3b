package org.jnrf.ctakes;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.ctakes.typesystem.type.constants.CONST;

/**
 * The value sets cTAKES uses for a medication's route and form, and the words of clinical text that name them.
 * Routes take the values of cTAKES' drug NER and type system ("Enteral_Oral", "Parenteral_Intravenous", ...,
 * "Other"); forms the {@link CONST} {@code ATTR_MEDICATION_FORM_*} values ("tablet", "capsule", ..., "other").
 */
final class AdministrationVocabulary {
    static final String ROUTE_OTHER = "Other";

    private static final String ORAL = "Enteral_Oral";
    private static final String GASTRIC = "Enteral_Gastric";
    private static final String RECTAL = "Enteral_Rectal";
    private static final String INTRAVENOUS = "Parenteral_Intravenous";
    private static final String INTRAARTERIAL = "Parenteral_Intra-arterial";
    private static final String INTRAMUSCULAR = "Parenteral_Intramuscular";
    private static final String INTRACARDIAC = "Parenteral_Intracardiac";
    private static final String SUBCUTANEOUS = "Parenteral_Subcutaneous";
    private static final String INTRATHECAL = "Parenteral_Intrathecal";
    private static final String INTRAPERITONEAL = "Parenteral_Intraperitoneal";
    private static final String TRANSDERMAL = "Parenteral_Transdermal";
    private static final String TRANSMUCOSAL = "Parenteral_Transmucosal";
    private static final String TOPICAL = "Topical";

    /** Each route value and the words that name it ("by mouth" is found by "mouth"). */
    private static final Map<String, String> ROUTE_WORDS = byWord(Map.ofEntries(
            Map.entry(ORAL, List.of("po", "oral", "orally", "mouth")),
            Map.entry(GASTRIC, List.of("ng", "ngt", "og", "peg", "tube", "gastric", "nasogastric")),
            Map.entry(RECTAL, List.of("pr", "rectal", "rectally", "rectum")),
            Map.entry(INTRAVENOUS, List.of("iv", "ivp", "ivpb", "intravenous", "intravenously", "infusion")),
            Map.entry(INTRAARTERIAL, List.of("ia", "intraarterial", "intraarterially")),
            Map.entry(INTRAMUSCULAR, List.of("im", "intramuscular", "intramuscularly")),
            Map.entry(INTRACARDIAC, List.of("intracardiac")),
            Map.entry(SUBCUTANEOUS, List.of("sc", "sq", "subq", "subcut", "subcutaneous", "subcutaneously")),
            Map.entry(INTRATHECAL, List.of("intrathecal", "intrathecally")),
            Map.entry(INTRAPERITONEAL, List.of("ip", "intraperitoneal")),
            Map.entry(TRANSDERMAL, List.of("td", "transdermal", "transdermally")),
            Map.entry(TRANSMUCOSAL, List.of("sl", "sublingual", "sublingually", "buccal", "transmucosal",
                    "intranasal", "nasal")),
            Map.entry(TOPICAL, List.of("topical", "topically", "cutaneous"))));

    /** cTAKES' form values; each is named by itself, some also by the words listed in {@link #FORM_WORDS}. */
    private static final List<String> FORM_VALUES = List.of(CONST.ATTR_MEDICATION_FORM_AEROSOL,
            CONST.ATTR_MEDICATION_FORM_CAPSULE, CONST.ATTR_MEDICATION_FORM_CREAM, CONST.ATTR_MEDICATION_FORM_ELIXIR,
            CONST.ATTR_MEDICATION_FORM_EMULSION, CONST.ATTR_MEDICATION_FORM_ENEMA, CONST.ATTR_MEDICATION_FORM_GEL,
            CONST.ATTR_MEDICATION_FORM_IMPLANT, CONST.ATTR_MEDICATION_FORM_INHALANT,
            CONST.ATTR_MEDICATION_FORM_INJECTION, CONST.ATTR_MEDICATION_FORM_LIQUID, CONST.ATTR_MEDICATION_FORM_LOTION,
            CONST.ATTR_MEDICATION_FORM_LOZENGE, CONST.ATTR_MEDICATION_FORM_OINTMENT, CONST.ATTR_MEDICATION_FORM_PATCH,
            CONST.ATTR_MEDICATION_FORM_PELLET, CONST.ATTR_MEDICATION_FORM_PILL, CONST.ATTR_MEDICATION_FORM_POWDER,
            CONST.ATTR_MEDICATION_FORM_SHAMPOO, CONST.ATTR_MEDICATION_FORM_SOAP, CONST.ATTR_MEDICATION_FORM_SOLUTION,
            CONST.ATTR_MEDICATION_FORM_SPRAY, CONST.ATTR_MEDICATION_FORM_SUPPOSITORY, CONST.ATTR_MEDICATION_FORM_SYRUP,
            CONST.ATTR_MEDICATION_FORM_TABLET);

    private static final Map<String, String> FORM_WORDS = byWord(Map.of(
            CONST.ATTR_MEDICATION_FORM_TABLET, List.of("tab"),
            CONST.ATTR_MEDICATION_FORM_CAPSULE, List.of("cap"),
            CONST.ATTR_MEDICATION_FORM_INHALANT, List.of("inhaler", "inhalation"),
            CONST.ATTR_MEDICATION_FORM_INJECTION, List.of("injectable")), FORM_VALUES);

    private AdministrationVocabulary() {
    }

    private static Map<String, String> byWord(Map<String, List<String>> wordsByValue) {
        return byWord(wordsByValue, List.of());
    }

    /** The value each word names; each of {@code selfNamed} also names itself. */
    private static Map<String, String> byWord(Map<String, List<String>> wordsByValue, List<String> selfNamed) {
        Map<String, String> byWord = new HashMap<>();
        wordsByValue.forEach((value, words) -> words.forEach(word -> byWord.put(word, value)));
        selfNamed.forEach(value -> byWord.put(value, value));
        return Map.copyOf(byWord);
    }

    /** cTAKES' route value for a route mention ("p.o." -> Enteral_Oral); "Other" for a route it has no value for. */
    static String route(String text) {
        String found = firstWord(text, ROUTE_WORDS);
        return found == null ? ROUTE_OTHER : found;
    }

    /** cTAKES' form value for a form mention ("tabs" -> tablet); "other" for a form it has no value for. */
    static String form(String text) {
        String found = firstWord(text, FORM_WORDS);
        return found == null ? CONST.ATTR_MEDICATION_FORM_OTHER : found;
    }

    /**
     * The value of the first word of the text that the table knows, singular or plural ("tabs", "patches"); the
     * whole text is tried first ("sub-q").
     */
    private static String firstWord(String text, Map<String, String> table) {
        // dots and hyphens join abbreviations: "p.o." -> po, "sub-q" -> subq, "intra-arterial" -> intraarterial
        String plain = text.toLowerCase(Locale.ROOT).replaceAll("[.\\-]", "").trim();
        String whole = table.get(plain.replaceAll("\\s+", ""));
        if (whole != null) {
            return whole;
        }
        for (String word : plain.split("[^\\p{L}]+")) {
            for (String singular : new String[] {word, word.replaceFirst("s$", ""), word.replaceFirst("es$", "")}) {
                String value = table.get(singular);
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }
}
