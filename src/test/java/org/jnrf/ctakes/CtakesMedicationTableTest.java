package org.jnrf.ctakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.ctakes.core.pipeline.PiperFileRunner;
import org.apache.uima.cas.impl.XmiCasDeserializer;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityRelation;
import org.jnrf.uima.ModelLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cTAKES' own MedicationTableFileWriter, in a real cTAKES pipeline (cTAKES' segmenter, sentence detector and
 * tokenizer, our annotator with cTAKES types, the table writer), shows our drugs with the dose, route and frequency
 * our relations found. Runs the shipped model's first network, so it needs nothing outside the repository.
 */
class CtakesMedicationTableTest {
    /** Notes in which the shipped model finds a drug with its dosage, route and frequency. */
    private static final List<String> NOTES = List.of(
            "The patient was started on warfarin 5 mg orally once daily and developed gastrointestinal bleeding.\n",
            "A 62-year-old man received amoxicillin 500 mg orally three times daily for 10 days for otitis media "
                    + "and developed a diffuse rash.\n");
    private static final int DOC_TEXT = 1;
    private static final int DOSE = 3;
    private static final int ROUTE = 5;
    private static final int FREQUENCY = 6;

    @TempDir
    Path dir;

    @Test
    void ctakesMedicationTableShowsOurDrugsWithTheDoseRouteAndFrequencyOfOurRelations() throws Exception {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        for (int i = 0; i < NOTES.size(); i++) {
            Files.writeString(notes.resolve("note" + i + ".txt"), NOTES.get(i));
        }
        Path out = dir.resolve("out");
        Path piper = Files.writeString(dir.resolve("medications.piper"), String.join("\n",
                "add SimpleSegmentAnnotator",
                "add SentenceDetector",
                "add TokenizerAnnotatorPTB",
                "add org.jnrf.uima.JnrfAnnotator writeCtakesTypes=true ensembleMembers=1 modelLocation="
                        + ModelLocation.DEFAULT,
                "add MedicationTableFileWriter",
                "writeXmis", ""));

        assertTrue(PiperFileRunner.run("-p", piper.toString(), "-i", notes.toString(), "-o", out.toString()),
                "PiperFileRunner reported a failure");

        int complete = 0;
        for (int i = 0; i < NOTES.size(); i++) {
            JCas xmi = readXmi(find(out, "note" + i, ".xmi"));
            List<Entity> drugs = xmi.select(Entity.class).filter(e -> "Drug".equals(e.getCategory())).toList();
            List<List<String>> rows = tableRows(find(out, "note" + i, "_table.BSV"));
            assertEquals(drugs.size(), rows.size(), "one table row per drug we found in note " + i);
            for (int r = 0; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                Entity drug = drugs.get(r);
                assertEquals(drug.getCoveredText(), row.get(DOC_TEXT));
                assertFilledFrom(related(xmi, drug, "Dosage", String::trim), row.get(DOSE), "dose", row);
                assertFilledFrom(related(xmi, drug, "Route", AdministrationVocabulary::route), row.get(ROUTE),
                        "route", row);
                assertFilledFrom(related(xmi, drug, "Frequency", CtakesMedicationTableTest::frequencyColumn),
                        row.get(FREQUENCY), "frequency", row);
                if (!row.get(DOSE).isEmpty() && !row.get(ROUTE).isEmpty() && !row.get(FREQUENCY).isEmpty()) {
                    complete++;
                }
            }
        }
        assertEquals(NOTES.size(), complete, "each note's drug has its dose, route and frequency in the table");
    }

    /** The column is one of the values our relations give (empty when the drug has no such relation). */
    private static void assertFilledFrom(Set<String> fromRelations, String column, String what, List<String> row) {
        if (fromRelations.isEmpty()) {
            assertEquals("", column, what + " without a relation, in " + row);
        } else {
            assertTrue(fromRelations.contains(column), what + " '" + column + "' is not among " + fromRelations
                    + ", in " + row);
        }
    }

    /** What the table should show for each modifier of the category related to the drug. */
    private static Set<String> related(JCas jcas, Entity drug, String category, Function<String, String> column) {
        return jcas.select(EntityRelation.class)
                .filter(r -> r.getArg2() == drug && category.equals(r.getArg1().getCategory()))
                .map(r -> column.apply(r.getArg1().getCoveredText()))
                .collect(Collectors.toSet());
    }

    /** As cTAKES' table writes a frequency: number and unit, or the words alone when they could not be counted. */
    private static String frequencyColumn(String text) {
        FrequencyNormalizer.Frequency frequency = FrequencyNormalizer.normalize(text);
        return frequency.unit() == null ? frequency.number() : frequency.number() + " " + frequency.unit();
    }

    private static List<List<String>> tableRows(Path table) throws IOException {
        List<String> lines = Files.readAllLines(table);
        assertTrue(lines.get(0).contains("Frequency"), "the medication table's header: " + lines.get(0));
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> List.of(l.split("\\|", -1))).toList();
    }

    /** The one file under {@code out} named for the note, with the suffix (cTAKES names them by document id). */
    private static Path find(Path out, String note, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> found = files.map(Path::toString)
                    .filter(p -> Path.of(p).getFileName().toString().startsWith(note) && p.endsWith(suffix))
                    .map(Path::of).toList();
            assertEquals(1, found.size(), note + "*" + suffix + " under " + out + ": " + found);
            return found.get(0);
        }
    }

    private static JCas readXmi(Path xmi) throws Exception {
        JCas jcas = JCasFactory.createJCas();
        try (InputStream in = Files.newInputStream(xmi)) {
            XmiCasDeserializer.deserialize(in, jcas.getCas());
        }
        return jcas;
    }
}
