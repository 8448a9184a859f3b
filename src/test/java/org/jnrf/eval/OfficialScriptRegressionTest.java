package org.jnrf.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.jnrf.testing.TestCorpora;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the scorer with the official n2c2 2018 evaluation script (scr/evaluation_script.py of github.com/ds4dh/JNRF,
 * not part of this repository) on seeded perturbations of corpus documents, see {@link CorpusPerturbation}.
 *
 * <p>Every expected figure and table below was printed by the official script, made by these commands from the
 * repository root (the {@code python3 -c} wrapper only maps the {@code xml.etree.cElementTree} module, removed in
 * Python 3.9, to {@code xml.etree.ElementTree}; the script itself runs unchanged, Python 3.11.7):
 * <pre>
 * mvn -B -o -q test -Dtest=OfficialScriptRegressionTest -Djnrf.eval.writePerturbed=/tmp/pert
 * cd /tmp/pert
 * official() { python3 -c "import sys, runpy, xml.etree.ElementTree as E; sys.modules['xml.etree.cElementTree'] = E; \
 *   sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')" evaluation_script.py "$@"; }
 * official phee/gold phee/pred          # -> official-phee-perturbed.txt
 * official tac/gold tac/pred            # -> official-tac-perturbed.txt
 * official phee/gold phee/pred-missing  # -> official-phee-perturbed-missing.txt (from its "TRACK 2" line on)
 * </pre>
 * phee: the first 60 documents of phee-n2c2/dev that the official script can parse (none with a mention of more than
 * three fragments), seed 2018; tac: six tac2017-brat/dev labels, seed 2017; pred-missing: phee/pred less 6 files.
 */
class OfficialScriptRegressionTest {
    static final Path PHEE_DEV = TestCorpora.PHEE_DEV;
    static final Path TAC_DEV = TestCorpora.TAC_DEV;
    static final long PHEE_SEED = 2018;
    static final long TAC_SEED = 2017;
    static final List<String> TAC_DOCUMENTS = List.of("BEPREVE", "CERDELGA", "KALBITOR", "TEFLARO", "TUDORZA",
            "VIMIZIM");

    @TempDir
    static Path folders;

    @BeforeAll
    static void writePerturbation() throws IOException {
        writeFolders(folders);
    }

    /** Writes the perturbed folders that the official script was run on: -Djnrf.eval.writePerturbed=DIR. */
    @Test
    @EnabledIfSystemProperty(named = "jnrf.eval.writePerturbed", matches = ".+")
    void writePerturbedFolders() throws IOException {
        writeFolders(Paths.get(System.getProperty("jnrf.eval.writePerturbed")));
    }

    @Test
    void pheeMicroAndMacroFiguresAreTheOfficialOnes() throws IOException {
        EvaluationReport r = N2c2Scorer.scoreFolders(folders.resolve("phee/gold"), folders.resolve("phee/pred"));
        assertEquals(60, r.documentCount());
        assertFigures("0.7251 0.6841 0.7040 0.8978 0.8452 0.8707", r.entities().micro(MatchMode.STRICT),
                r.entities().micro(MatchMode.LENIENT));
        assertFigures("0.7205 0.6716 0.6898 0.9007 0.8462 0.8657", r.entities().macro(MatchMode.STRICT),
                r.entities().macro(MatchMode.LENIENT));
        assertFigures("0.4585 0.3494 0.3966 0.6917 0.5271 0.5983", r.relations().micro(MatchMode.STRICT),
                r.relations().micro(MatchMode.LENIENT));
        assertFigures("0.3895 0.3091 0.3370 0.6497 0.5079 0.5538", r.relations().macro(MatchMode.STRICT),
                r.relations().macro(MatchMode.LENIENT));
        // rows: Drug and ADE -> Drug
        assertFigures("0.7754 0.6872 0.7286 0.9677 0.8531 0.9068", r.entities().type("Drug").orElseThrow());
        assertFigures("0.5259 0.3370 0.4108 0.8276 0.5304 0.6465", r.relations().type("ADE-Drug").orElseThrow());
    }

    @Test
    void pheeTableIsTheOfficialTable() throws IOException {
        EvaluationReport r = N2c2Scorer.scoreFolders(folders.resolve("phee/gold"), folders.resolve("phee/pred"));
        assertEquals(resource("official-phee-perturbed.txt"), N2c2TableFormatter.format(r));
    }

    /** The official script skips gold files without prediction; so does the SKIP policy. */
    @Test
    void skippedMissingPredictionsGiveTheOfficialTable() throws IOException {
        EvaluationReport r = N2c2Scorer.defaults().withMissingPredictions(MissingPredictionPolicy.SKIP)
                .evaluateFolders(folders.resolve("phee/gold"), folders.resolve("phee/pred-missing"));
        assertEquals(54, r.documentCount());
        assertEquals(List.of("10405480", "10619721", "11200291", "11514944", "11795358", "12196060"),
                r.missingPredictions());
        assertFigures("0.7387 0.6957 0.7166 0.9026 0.8501 0.8756", r.entities().micro(MatchMode.STRICT),
                r.entities().micro(MatchMode.LENIENT));
        assertFigures("0.4684 0.3569 0.4051 0.7046 0.5370 0.6095", r.relations().micro(MatchMode.STRICT),
                r.relations().micro(MatchMode.LENIENT));
        assertEquals(resource("official-phee-perturbed-missing.txt"), N2c2TableFormatter.format(r));
    }

    /**
     * Non-n2c2 types: the official script gives them no row but counts them in its overall rows, so the overall
     * figures must agree in the data layout, and the whole table in the n2c2 layout.
     */
    @Test
    void tacOverallFiguresAreTheOfficialOnes() throws IOException {
        EvaluationReport r = N2c2Scorer.scoreFolders(folders.resolve("tac/gold"), folders.resolve("tac/pred"));
        assertEquals(TypeLayout.DATA, r.layout());
        assertFigures("0.7662 0.7148 0.7396 0.9308 0.8121 0.8674", r.entities().micro(MatchMode.STRICT),
                r.entities().micro(MatchMode.LENIENT));
        assertFigures("0.7779 0.7266 0.7513 0.9391 0.8122 0.8709", r.entities().macro(MatchMode.STRICT),
                r.entities().macro(MatchMode.LENIENT));
        assertFigures("0.4500 0.3000 0.3600 0.6667 0.4000 0.5000", r.relations().micro(MatchMode.STRICT),
                r.relations().micro(MatchMode.LENIENT));
        assertFigures("0.5972 0.3997 0.4673 0.7222 0.4780 0.5563", r.relations().macro(MatchMode.STRICT),
                r.relations().macro(MatchMode.LENIENT));

        EvaluationReport official = N2c2Scorer.defaults().withTypeLayout(TypeLayout.N2C2)
                .evaluateFolders(folders.resolve("tac/gold"), folders.resolve("tac/pred"));
        assertEquals(resource("official-tac-perturbed.txt"), N2c2TableFormatter.format(official));
    }

    static void writeFolders(Path out) throws IOException {
        Path phee = out.resolve("phee");
        CorpusPerturbation.write(PHEE_DEV, CorpusPerturbation.firstParsableDocuments(PHEE_DEV, 60), PHEE_SEED,
                phee.resolve("gold"), phee.resolve("pred"));
        withoutEveryTenthFile(phee.resolve("pred"), phee.resolve("pred-missing"));
        Path tac = out.resolve("tac");
        CorpusPerturbation.write(TAC_DEV, TAC_DOCUMENTS, TAC_SEED, tac.resolve("gold"), tac.resolve("pred"));
    }

    /** A copy of a prediction folder without its 4th, 14th, 24th, ... file (in name order). */
    static void withoutEveryTenthFile(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> files;
        try (var listing = Files.list(from)) {
            files = listing.sorted().toList();
        }
        for (int i = 0; i < files.size(); i++) {
            if (i % 10 != 3) {
                Files.copy(files.get(i), to.resolve(files.get(i).getFileName()));
            }
        }
    }

    private static void assertFigures(String expected, TypeScores type) {
        assertFigures(expected, type.scores(MatchMode.STRICT), type.scores(MatchMode.LENIENT));
    }

    /** Compares with the digits the official script printed: strict P R F, then lenient P R F. */
    private static void assertFigures(String expected, PrfScores strict, PrfScores lenient) {
        String actual = String.join(" ", N2c2TableFormatter.number(strict.precision()),
                N2c2TableFormatter.number(strict.recall()), N2c2TableFormatter.number(strict.f1()),
                N2c2TableFormatter.number(lenient.precision()), N2c2TableFormatter.number(lenient.recall()),
                N2c2TableFormatter.number(lenient.f1()));
        assertEquals(expected, actual);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = OfficialScriptRegressionTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
