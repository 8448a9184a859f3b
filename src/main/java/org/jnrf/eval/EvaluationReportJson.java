package org.jnrf.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON form of a report: every type found (not only the table rows), counts and scores in both modes. */
public final class EvaluationReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationReportJson() {
    }

    public static ObjectNode toJson(EvaluationReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("layout", report.layout().name());
        root.put("documents", report.documentCount());
        strings(root.putArray("missingPredictions"), report.missingPredictions());
        strings(root.putArray("predictionOnly"), report.predictionOnly());
        category(root.putObject("entities"), report.entities());
        category(root.putObject("relations"), report.relations());
        return root;
    }

    public static String format(EvaluationReport report) {
        try {
            return MAPPER.writeValueAsString(toJson(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an evaluation report as JSON", e);
        }
    }

    private static void category(ObjectNode node, CategoryReport category) {
        ArrayNode types = node.putArray("types");
        for (TypeScores t : category.types()) {
            ObjectNode type = types.addObject();
            type.put("type", t.type());
            type.put("row", category.rowTypes().contains(t.type()));
            type.put("gold", t.goldCount());
            type.put("predicted", t.predictedCount());
            counts(type.putObject("strict"), t.strict());
            counts(type.putObject("lenient"), t.lenient());
        }
        ObjectNode micro = node.putObject("micro");
        counts(micro.putObject("strict"), category.microCounts(MatchMode.STRICT));
        counts(micro.putObject("lenient"), category.microCounts(MatchMode.LENIENT));
        ObjectNode macro = node.putObject("macro");
        scores(macro.putObject("strict"), category.macro(MatchMode.STRICT));
        scores(macro.putObject("lenient"), category.macro(MatchMode.LENIENT));
        ObjectNode typeAveraged = node.putObject("typeAveraged");
        scores(typeAveraged.putObject("strict"), category.typeAveraged(MatchMode.STRICT));
        scores(typeAveraged.putObject("lenient"), category.typeAveraged(MatchMode.LENIENT));
    }

    private static void counts(ObjectNode node, Counts counts) {
        node.put("tp", counts.truePositives());
        node.put("fp", counts.falsePositives());
        node.put("fn", counts.falseNegatives());
        scores(node, counts.scores());
    }

    private static void scores(ObjectNode node, PrfScores scores) {
        node.put("precision", scores.precision());
        node.put("recall", scores.recall());
        node.put("f1", scores.f1());
    }

    private static void strings(ArrayNode array, Iterable<String> values) {
        for (String v : values) {
            array.add(v);
        }
    }
}
