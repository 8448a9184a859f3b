package org.jnrf.eval;

import static org.jnrf.eval.Docs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.jnrf.document.AnnotatedDocument;
import org.junit.jupiter.api.Test;

class N2c2TableFormatterTest {
    @Test
    void numbersRoundTheExactBinaryValueHalfToEvenLikePython() {
        // expected strings are Python's '{:<5.4f}'.format(x); String.format("%.4f") gives 0.0313, 0.0002, 0.4322
        assertEquals("0.0312", N2c2TableFormatter.number(0.03125));
        assertEquals("0.0001", N2c2TableFormatter.number(0.00015));
        assertEquals("0.4321", N2c2TableFormatter.number(0.43215));
        assertEquals("0.0003", N2c2TableFormatter.number(0.00025));
        assertEquals("0.6667", N2c2TableFormatter.number(2.0 / 3));
        assertEquals("1.0000", N2c2TableFormatter.number(0.99995));
        assertEquals("0.0000", N2c2TableFormatter.number(0.0));
    }

    @Test
    void centersLikePythonFormat() {
        assertEquals("------ lenient -------", N2c2TableFormatter.center(" lenient ", 22, '-'));
        assertEquals("------- strict -------", N2c2TableFormatter.center(" strict ", 22, '-'));
    }

    @Test
    void dataLayoutLabelsTypesAsSpelled() {
        AnnotatedDocument gold = doc("l").entity("T1", "AdverseReaction", 0, 6).entity("T2", "Severity", 7, 12)
                .relation("R1", "Effect", "T2", "T1").build();
        String table = N2c2TableFormatter.format(N2c2Scorer.score(List.of(gold), List.of(gold)));
        List<String> lines = table.lines().toList();
        assertEquals("     AdverseReaction  1.0000  1.0000  1.0000    1.0000  1.0000  1.0000", lines.get(3));
        assertEquals("            Severity  1.0000  1.0000  1.0000    1.0000  1.0000  1.0000", lines.get(4));
        assertEquals("              Effect  1.0000  1.0000  1.0000    1.0000  1.0000  1.0000", lines.get(10));
        // Python: '{:20}{:^48}'.format('', '  1 files found  ')
        assertEquals(" ".repeat(37) + "1 files found" + " ".repeat(18), lines.get(lines.size() - 1));
    }

    @Test
    void officialLayoutCapitalizesLikeTheScript() {
        AnnotatedDocument gold = doc("d").entity("T1", "Drug", 0, 6).entity("T2", "ADE", 7, 12)
                .relation("R1", "ADE-Drug", "T2", "T1").build();
        String table = N2c2TableFormatter.format(N2c2Scorer.score(List.of(gold), List.of(gold)));
        assertTrue(table.contains("\n                 Ade  1.0000"), table);
        assertTrue(table.contains("\n         ADE -> Drug  1.0000"), table);
        assertTrue(table.contains("\n    Strength -> Drug  0.0000"), table);
    }

    @Test
    void jsonHoldsEveryTypeWithCounts() throws Exception {
        AnnotatedDocument gold = doc("d").entity("T1", "Drug", 0, 6).entity("T2", "ADE", 7, 12).build();
        AnnotatedDocument pred = doc("d").entity("T1", "Drug", 0, 6).entity("T2", "Unknown", 7, 12).build();
        JsonNode json = new ObjectMapper().readTree(
                EvaluationReportJson.format(N2c2Scorer.score(List.of(gold), List.of(pred))));
        assertEquals("N2C2", json.get("layout").asText());
        assertEquals(1, json.get("documents").asInt());
        JsonNode types = json.get("entities").get("types");
        assertEquals(10, types.size());
        JsonNode unknown = types.get(9);
        assertEquals("Unknown", unknown.get("type").asText());
        assertEquals(false, unknown.get("row").asBoolean());
        assertEquals(1, unknown.get("lenient").get("fp").asInt());
        JsonNode micro = json.get("entities").get("micro").get("strict");
        assertEquals(1, micro.get("tp").asInt());
        assertEquals(0.5, micro.get("f1").asDouble(), 1e-12);
    }
}
