package org.jnrf.eval;

import java.util.ArrayList;
import java.util.List;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.PredictionOptions;

/** Runs a model over gold documents and scores its predictions with the n2c2 scorer. */
public final class ModelEvaluation {
    private ModelEvaluation() {
    }

    /** The model's predictions for each gold document's text, in the same order. */
    public static List<AnnotatedDocument> predict(JnrfModel model, List<AnnotatedDocument> gold,
                                                  PredictionOptions options) {
        List<AnnotatedDocument> predicted = new ArrayList<>(gold.size());
        for (AnnotatedDocument doc : gold) {
            predicted.add(model.predict(doc.documentId(), doc.text(), options));
        }
        return predicted;
    }

    public static EvaluationReport evaluate(JnrfModel model, List<AnnotatedDocument> gold,
                                            PredictionOptions options) {
        return N2c2Scorer.score(gold, predict(model, gold, options));
    }
}
