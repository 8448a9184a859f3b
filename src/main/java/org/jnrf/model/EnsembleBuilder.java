package org.jnrf.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds an ensemble model file from trained models: combines their networks, stores weights in 8 bits when asked,
 * and sets the relation threshold, either one given or one tuned for each number of leading networks. Tuning sees the
 * ensemble as the file will hold it (after any 8-bit storage).
 */
public final class EnsembleBuilder {
    /** Matrices with fewer values stay in float32 under {@link Int8#matrices}: they save nothing worth a step. */
    public static final int INT8_MIN_VALUES = 4096;

    /** Which weights are stored with 8 bits per value. */
    public enum Int8 { none, embeddings, matrices }

    /** Chooses a relation threshold for a model (e.g. the best on dev documents). */
    @FunctionalInterface
    public interface ThresholdTuner {
        double tune(JnrfModel model) throws IOException;
    }

    private final Set<String> int8Tensors;
    private JnrfModel ensemble;

    /**
     * @param sentenceBreaks set on every member before combining (members with and without the setting are
     *                       otherwise refused as different): see {@link JnrfModel#withSentenceBreaks}
     * @throws IllegalArgumentException when the members differ in configuration or vocabulary
     */
    public EnsembleBuilder(List<JnrfModel> members, boolean sentenceBreaks, Int8 int8) throws IOException {
        List<JnrfModel> combined = new ArrayList<>();
        for (JnrfModel member : members) {
            combined.add(sentenceBreaks ? member.withSentenceBreaks(true) : member);
        }
        JnrfModel all = JnrfModel.ensemble(combined);
        int8Tensors = switch (int8) {
            case none -> Set.of();
            case embeddings -> Set.of(all.config().encoder() == null ? VocabularyPruning.EMBEDDING_TENSOR
                    : org.jnrf.network.transformer.BertShape.wordEmbeddings());
            case matrices -> all.largeMatrices(INT8_MIN_VALUES);
        };
        ensemble = int8Tensors.isEmpty() ? all : all.quantized(int8Tensors);
    }

    /** The ensemble as built so far: what the file will hold. */
    public JnrfModel ensemble() {
        return ensemble;
    }

    /** Stores one relation threshold for every number of networks. */
    public void relationThreshold(double threshold) {
        ensemble = ensemble.withRelationThreshold(threshold);
    }

    /**
     * Stores a threshold tuned for the first network alone, the first two, ... and all of them (annotating with
     * fewer networks uses the one tuned for them), tuning in that order.
     */
    public void tuneMemberThresholds(ThresholdTuner tuner) throws IOException {
        List<Double> thresholds = new ArrayList<>();
        for (int k = 1; k <= ensemble.memberCount(); k++) {
            thresholds.add(tuner.tune(ensemble.firstMembers(k)));
        }
        ensemble = ensemble.withMemberThresholds(thresholds);
    }

    /** Writes the ensemble model file, the chosen weights in 8 bits. */
    public void save(Path out) throws IOException {
        ensemble.save(out, int8Tensors);
    }
}
