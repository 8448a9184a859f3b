package org.jnrf.eval;

import java.util.ArrayList;
import java.util.List;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.RelationMention;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.PredictionOptions;

/**
 * Chooses the relation decision threshold that maximises lenient relation micro F1 on dev documents. The model runs
 * once with a low threshold; each candidate then only filters the relations by their probability.
 */
public final class RelationThresholdTuning {
    /** Candidate thresholds: 0.05 to 0.95 in steps of 0.05. */
    static final double STEP = 0.05;

    /** The chosen threshold, its lenient relation micro F1 and that at 0.5, and the whole report at the choice. */
    public record Result(double threshold, double lenientRelationMicroF1, double atDefault, EvaluationReport report) {
    }

    private RelationThresholdTuning() {
    }

    public static Result tune(JnrfModel model, List<AnnotatedDocument> dev) {
        List<AnnotatedDocument> all = ModelEvaluation.predict(model, dev, new PredictionOptions(
                model.defaultOptions().entityThreshold(), STEP));
        double bestThreshold = PredictionOptions.defaults().relationThreshold();
        double bestF1 = -1;
        EvaluationReport bestReport = null;
        double atDefault = Double.NaN;
        for (int i = 1; i * STEP < 1.0 - 1e-9; i++) {
            double threshold = Math.round(i * STEP * 100) / 100.0;
            EvaluationReport report = N2c2Scorer.score(dev, keepRelations(all, threshold));
            double f1 = report.lenientRelationMicroF1();
            if (Math.abs(threshold - PredictionOptions.defaults().relationThreshold()) < 1e-9) {
                atDefault = f1;
            }
            if (f1 > bestF1) {
                bestF1 = f1;
                bestThreshold = threshold;
                bestReport = report;
            }
        }
        return new Result(bestThreshold, bestF1, atDefault, bestReport);
    }

    private static List<AnnotatedDocument> keepRelations(List<AnnotatedDocument> docs, double threshold) {
        List<AnnotatedDocument> kept = new ArrayList<>(docs.size());
        for (AnnotatedDocument d : docs) {
            List<RelationMention> relations = d.relations().stream().filter(r -> r.confidence() >= threshold)
                    .toList();
            kept.add(new AnnotatedDocument(d.documentId(), d.text(), d.entities(), relations));
        }
        return kept;
    }
}
