package org.jnrf.training;

import org.jnrf.network.BioScheme;
import org.jnrf.network.EntitySpan;
import org.jnrf.network.TrainingExample;

import java.util.List;

/**
 * Weights of the entity types in the tagging loss, from their mention counts n_t in the training set: NONE = 1;
 * SQRT_INVERSE_FREQUENCY = sqrt(n_max / n_t), so the most frequent type keeps 1 and a type 100 times rarer weighs 10
 * (its B and I tags; O keeps 1). The rare modifiers of a corpus (TAC's Negation, DrugClass and Animal; PHEE's Frequency
 * and Duration) would otherwise barely move the tagger.
 */
public enum EntityTypeWeighting {
    NONE, SQRT_INVERSE_FREQUENCY;

    /** Weight of each BIO tag ({@link BioScheme}); null for NONE (every tag 1, as before the setting). */
    public double[] tagWeights(List<TrainingExample> examples, int entityTypes) {
        if (this == NONE) {
            return null;
        }
        long[] counts = new long[entityTypes];
        for (TrainingExample ex : examples) {
            for (EntitySpan e : ex.entities()) {
                counts[e.type()]++;
            }
        }
        long max = 0;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        double[] w = new double[BioScheme.tagCount(entityTypes)];
        w[0] = 1;
        for (int t = 0; t < entityTypes; t++) {
            double weight = counts[t] == 0 ? 1 : Math.sqrt((double) max / counts[t]);
            w[BioScheme.begin(t)] = weight;
            w[BioScheme.inside(t)] = weight;
        }
        return w;
    }
}
