package org.jnrf.uima;

import java.util.List;

import me.tongfei.progressbar.ProgressBar;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.eval.EvaluationReport;
import org.jnrf.eval.ModelEvaluation;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.PredictionOptions;
import org.jnrf.training.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores each epoch's model on the dev documents with the n2c2 scorer (lenient relation micro F1, ties broken by
 * lenient entity micro F1), logs the figures, and optionally shows progress over the training steps (a bar on a
 * terminal, plain lines otherwise: see {@link ProgressBars}).
 */
final class EpochReporter implements TrainingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EpochReporter.class);
    /** Weight of entity F1 in the selection score: only breaks ties in relation F1. */
    private static final double ENTITY_TIE_BREAK = 1e-3;

    private final List<AnnotatedDocument> dev;
    private final int epochs;
    private final boolean showProgress;
    private ProgressBar bar;
    private int bestEpoch = -1;
    private double bestScore = Double.NEGATIVE_INFINITY;

    EpochReporter(List<AnnotatedDocument> dev, int epochs, boolean showProgress) {
        this.dev = dev;
        this.epochs = epochs;
        this.showProgress = showProgress;
    }

    @Override
    public void stepEnd(int epoch, int step, int stepsPerEpoch, double loss) {
        if (!showProgress) {
            return;
        }
        if (bar == null) {
            bar = ProgressBars.onStderr("Training", (long) stepsPerEpoch * epochs, " docs");
        }
        bar.stepTo((long) epoch * stepsPerEpoch + step + 1); // the trainer counts epochs and steps from 0
        bar.setExtraMessage(String.format("epoch %d loss %.3f", epoch + 1, loss));
    }

    @Override
    public double epochEnd(int epoch, double trainLoss, JnrfModel snapshot) {
        if (dev.isEmpty()) {
            LOG.info("epoch {}: train loss {}", epoch + 1, String.format("%.4f", trainLoss));
            return Double.NaN;
        }
        long start = System.nanoTime();
        EvaluationReport report = ModelEvaluation.evaluate(snapshot, dev, PredictionOptions.defaults());
        double score = report.lenientRelationMicroF1() + ENTITY_TIE_BREAK * report.lenientEntityMicroF1();
        boolean best = score > bestScore;
        if (best) {
            bestScore = score;
            bestEpoch = epoch + 1;
        }
        LOG.info("epoch {}: train loss {}, dev lenient micro F1 entities {} relations {} (strict {} / {}), "
                        + "dev scored in {} s{}", epoch + 1, String.format("%.4f", trainLoss),
                String.format("%.4f", report.lenientEntityMicroF1()),
                String.format("%.4f", report.lenientRelationMicroF1()),
                String.format("%.4f", report.strictEntityMicroF1()),
                String.format("%.4f", report.strictRelationMicroF1()),
                String.format("%.1f", (System.nanoTime() - start) / 1e9), best ? " (best so far)" : "");
        return score;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    double bestScore() {
        return bestScore;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
