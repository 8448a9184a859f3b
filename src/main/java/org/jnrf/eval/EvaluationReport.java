package org.jnrf.eval;

import java.util.List;

/**
 * The result of scoring predictions against gold annotations, n2c2 2018 Track 2 style. Immutable.
 *
 * @param layout                which rows the table shows: {@link TypeLayout#N2C2} or {@link TypeLayout#DATA}
 * @param documentIds           the documents scored, in order
 * @param missingPredictions    gold documents without a prediction (scored as empty or skipped, see
 *                              {@link MissingPredictionPolicy})
 * @param predictionOnly        predicted documents without gold, never scored
 * @param entities              entity scores
 * @param relations             relation scores
 */
public record EvaluationReport(TypeLayout layout, List<String> documentIds, List<String> missingPredictions,
                               List<String> predictionOnly, CategoryReport entities, CategoryReport relations) {
    public EvaluationReport {
        if (layout == TypeLayout.AUTO) {
            throw new IllegalArgumentException("a report's layout is resolved: N2C2 or DATA");
        }
        documentIds = List.copyOf(documentIds);
        missingPredictions = List.copyOf(missingPredictions);
        predictionOnly = List.copyOf(predictionOnly);
    }

    public int documentCount() {
        return documentIds.size();
    }

    public double strictEntityMicroF1() {
        return entities.micro(MatchMode.STRICT).f1();
    }

    public double lenientEntityMicroF1() {
        return entities.micro(MatchMode.LENIENT).f1();
    }

    public double strictRelationMicroF1() {
        return relations.micro(MatchMode.STRICT).f1();
    }

    public double lenientRelationMicroF1() {
        return relations.micro(MatchMode.LENIENT).f1();
    }
}
