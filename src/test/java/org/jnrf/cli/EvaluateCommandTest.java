package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest extends CliTestSupport {
    @TempDir
    Path dir;
    private Path gold;
    private Path pred;

    @BeforeEach
    void folders() throws Exception {
        gold = Files.createDirectories(dir.resolve("gold"));
        pred = Files.createDirectories(dir.resolve("pred"));
        Files.writeString(gold.resolve("a.ann"), "T1\tDrug 0 7\taspirin\nT2\tADE 10 16\tbleeds\n"
                + "R1\tADE-Drug Arg1:T2 Arg2:T1\n");
        Files.writeString(gold.resolve("b.ann"), "T1\tDrug 0 7\taspirin\n");
    }

    @Test
    void printsTheOfficialTable() throws Exception {
        Files.writeString(pred.resolve("a.ann"), "T1\tDrug 0 7\tx\nT2\tADE 10 14\tx\nR1\tADE-Drug Arg1:T2 Arg2:T1\n");
        Files.writeString(pred.resolve("b.ann"), "T1\tDrug 0 7\tx\n");
        assertEquals(0, run("evaluate", "--gold", gold.toString(), "--pred", pred.toString()), err.toString());
        String table = out.toString();
        assertTrue(table.startsWith("****************************** TRACK 2 ****"), table);
        // strict tp2 fp1 fn1, lenient tp3: P R F 0.6667 strict, 1.0 lenient
        assertTrue(table.contains("     Overall (micro)  0.6667  0.6667  0.6667    1.0000  1.0000  1.0000\n"), table);
        assertTrue(table.contains("2 files found"), table);
        assertEquals("", err.toString());
    }

    @Test
    void emptyPredictionFolderScoresZeroAndSaysWhy() {
        assertEquals(0, run("evaluate", "--gold", gold.toString(), "--pred", pred.toString()));
        assertTrue(out.toString().contains("     Overall (micro)  0.0000  0.0000  0.0000    0.0000  0.0000  0.0000"));
        assertTrue(err.toString().contains("2 gold file(s) without prediction"), err.toString());
        assertTrue(err.toString().contains("scored as empty: a, b"), err.toString());
    }

    @Test
    void printsJson() throws Exception {
        Files.writeString(pred.resolve("a.ann"), "T1\tDrug 0 7\tx\n");
        Files.writeString(pred.resolve("c.ann"), "T1\tDrug 0 7\tx\n");
        assertEquals(0, run("evaluate", "--gold", gold.toString(), "--pred", pred.toString(), "--json"));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(2, json.get("documents").asInt());
        assertEquals("b", json.get("missingPredictions").get(0).asText());
        assertEquals("c", json.get("predictionOnly").get(0).asText());
        assertEquals(1, json.get("entities").get("micro").get("strict").get("tp").asInt());
        assertTrue(err.toString().contains("1 predicted file(s) without gold"), err.toString());
    }

    @Test
    void skipMissingLeavesThemOut() throws Exception {
        Files.writeString(pred.resolve("b.ann"), "T1\tDrug 0 7\tx\n");
        assertEquals(0, run("evaluate", "--gold", gold.toString(), "--pred", pred.toString(), "--skip-missing"));
        assertTrue(out.toString().contains("     Overall (micro)  1.0000  1.0000  1.0000"), out.toString());
        assertTrue(out.toString().contains("1 files found"), out.toString());
    }

    @Test
    void missingFolderIsAUsageError() {
        assertEquals(2, run("evaluate", "--gold", gold.toString(), "--pred", dir.resolve("nope").toString()));
        assertTrue(err.toString().contains("--pred: no such folder: " + dir.resolve("nope")), err.toString());
        assertEquals(2, run("evaluate", "--gold", gold.toString()));
    }

    @Test
    void malformedFileIsReportedWithFileAndLine() throws Exception {
        Files.writeString(pred.resolve("a.ann"), "T1\tDrug 0 7\tx\nR1\tADE-Drug Arg1:T2 Arg2:T1\n");
        assertEquals(3, run("evaluate", "--gold", gold.toString(), "--pred", pred.toString()));
        assertTrue(err.toString().contains(pred.resolve("a.ann")
                + ":2: relation R1 refers to unknown entity 'T2' (argument 1)"), err.toString());
    }

    @Test
    void everyMalformedFileIsReportedWithoutItsTextAndTheOthersAreScored() throws Exception {
        String marker = "ZQXMARKER";
        Files.writeString(pred.resolve("a.ann"), "T1\tDrug 0 7\tx\n");
        Files.writeString(pred.resolve("b.ann"), "T1\tDrug 0 7\tx\n");
        for (String name : List.of("c", "d", "e", "f", "g")) {
            Files.writeString(gold.resolve(name + ".ann"), "T1\tDrug 0 7\taspirin\n");
            Files.writeString(pred.resolve(name + ".ann"), "T1\tDrug 0 7\taspirin\n");
        }
        Files.write(gold.resolve("c.ann"), ("T1\tDrug 0 7\t" + marker + "\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(gold.resolve("d.ann"), "T1\tDrug 0 7\taspirin\n" + marker + " on a line of its own\n");
        Files.writeString(pred.resolve("e.ann"), "T1\tDrug 0 " + marker + "\taspirin\n");
        Files.writeString(pred.resolve("f.ann"), "T1 Drug 0 7 " + marker + "\n");
        Files.writeString(gold.resolve("g.txt"), "Aspirin " + marker);
        Files.writeString(gold.resolve("g.ann"), "T1\tDrug 0 7\taspirin\nT2\tADE 8 40\t" + marker + "\n");
        assertEquals(3, run("evaluate", "--gold", gold.toString(), "--pred", pred.toString()));
        String problems = err.toString();
        assertTrue(problems.contains(gold.resolve("c.ann") + ": not valid UTF-8"), problems);
        assertTrue(problems.contains(gold.resolve("d.ann") + ":2: not a BRAT annotation line"), problems);
        assertTrue(problems.contains(pred.resolve("e.ann") + ":1: entity T1: the end offset of fragment 1"), problems);
        assertTrue(problems.contains(pred.resolve("f.ann") + ":1: entity line has no tab-separated"), problems);
        assertTrue(problems.contains(gold.resolve("g.ann") + ":2: entity T2: fragment 1 ends at 40, after the text of "
                + "g.txt (17 characters)"), problems);
        assertTrue(problems.contains("5 malformed file(s)"), problems);
        assertFalse(problems.contains(marker) || out.toString().contains(marker), problems);
        // a and b are scored; the broken pairs are neither scored nor listed as missing or extra
        assertTrue(out.toString().contains("2 files found"), out.toString());
        assertTrue(out.toString().contains("     Overall (micro)  1.0000  0.6667  0.8000"), out.toString());
        assertFalse(problems.contains("without prediction") || problems.contains("without gold"), problems);
    }

    @Test
    void emptyGoldFolderIsAnError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(1, run("evaluate", "--gold", empty.toString(), "--pred", pred.toString()));
        assertTrue(err.toString().contains("no .ann file in gold folder"), err.toString());
    }

    @Test
    void helpDescribesTheOptions() {
        assertEquals(0, run("evaluate", "--help"));
        assertTrue(out.toString().contains("--gold=DIR") && out.toString().contains("--json"), out.toString());
    }
}
