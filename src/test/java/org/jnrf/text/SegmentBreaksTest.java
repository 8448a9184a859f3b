package org.jnrf.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Sentence rule 2 on the shapes of drug labels and clinical notes. */
class SegmentBreaksTest {
    private static List<Token> words(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = Pattern.compile("[^\\s]+").matcher(text);
        while (m.find()) {
            tokens.add(new Token(m.group(), 1, m.start(), m.end()));
        }
        return tokens;
    }

    /** The text's words joined by segment, as the given rule numbers them. */
    private static List<String> segments(String text, int rule) {
        List<Token> tokens = words(text);
        int[] lines = TokenLines.of(text, tokens, true, rule);
        List<String> out = new ArrayList<>();
        for (int t = 0; t < tokens.size(); t++) {
            if (t == 0 || lines[t] != lines[t - 1]) {
                if (rule == 2) {
                    assertEquals(out.size(), lines[t], "each boundary counts once");
                }
                out.add(tokens.get(t).piece());
            } else {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + tokens.get(t).piece());
            }
        }
        return out;
    }

    @Test
    void aDrugLabel() {
        String label = "  6 ADVERSE REACTIONS\n\n\n\n"
                + " *  Peripheral Neuropathy [see Warnings and Precautions ( 5.1 ) ]\n"
                + "      EXCERPT:   The most common adverse reactions (>=20%) were: neutropenia and rash.\n\n"
                + " Median duration of treatment was 27 weeks. ADCETRIS was discontinued in 3 patients.\n"
                + " Neutropenia   54   15   Anemia   33   8\n";
        assertEquals(List.of("6 ADVERSE REACTIONS",
                "* Peripheral Neuropathy [see Warnings and Precautions ( 5.1 ) ]",
                "EXCERPT:", "The most common adverse reactions (>=20%) were: neutropenia and rash.",
                "Median duration of treatment was 27 weeks.", "ADCETRIS was discontinued in 3 patients.",
                "Neutropenia 54 15", "Anemia 33 8"), segments(label, 2));
        // rule 1, which older models keep: a line per line break (blank lines each count), no heading, capital word
        // or table rule
        List<Token> tokens = words(label);
        assertArrayEquals(TokenLines.of(label, tokens, true), TokenLines.of(label, tokens, true, 1));
        assertNotEquals(segments(label, 1).size(), segments(label, 2).size());
        assertEquals(4, TokenLines.of(label, tokens, true, 1)[3]); // "*" after four line breaks
    }

    @Test
    void aClinicalNote() {
        String note = "HISTORY OF PRESENT ILLNESS: The patient is a 67 year old man who was started on\n"
                + "lisinopril 10 mg daily, and developed a cough.\n"
                + "Medications: 1. Aspirin 81 mg daily 2. Metoprolol 25 mg BID 3. Atorvastatin 40 mg QHS\n"
                + "Allergies • Penicillin • Sulfa\n"
                + "Assessment\n"
                + "Cough on ACE inhibitor, Grade 2. Stopped. BID dosing kept";
        assertEquals(List.of("HISTORY OF PRESENT ILLNESS:",
                "The patient is a 67 year old man who was started on lisinopril 10 mg daily, and developed a cough.",
                "Medications:", "1. Aspirin 81 mg daily", "2. Metoprolol 25 mg BID", "3. Atorvastatin 40 mg QHS",
                "Allergies", "• Penicillin", "• Sulfa",
                "Assessment",
                "Cough on ACE inhibitor, Grade 2.", "Stopped. BID dosing kept"), segments(note, 2));
    }

    @Test
    void withoutSentenceBreaksOrWithRuleOneNothingChanges() {
        String text = "HEADING: Aspirin 81 mg\n\n\nrash   12   Nausea 3";
        List<Token> tokens = words(text);
        assertArrayEquals(TokenLines.of(text, tokens, false), TokenLines.of(text, tokens, false, 2));
        assertArrayEquals(TokenLines.of(text, tokens, true), TokenLines.of(text, tokens, true, 1));
        assertThrows(IllegalArgumentException.class, () -> TokenLines.of(text, tokens, true, 3));
    }
}
