package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertEquals(1, run("evaluate", "--gold", gold.toString(), "--pred", pred.toString()));
        assertTrue(err.toString().contains(pred.resolve("a.ann") + ":2: relation R1 refers to unknown entity 'T2'"),
                err.toString());
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
