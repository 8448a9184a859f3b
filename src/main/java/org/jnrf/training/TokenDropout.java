package org.jnrf.training;

import org.jnrf.network.TrainingExample;

import java.util.SplittableRandom;

/**
 * Word-piece dropout for training: each token id becomes {@code [UNK]} with probability p, drawn anew for every
 * step. The tagger then cannot lean on memorised pieces alone and learns from their context, which is what carries
 * over to unseen drug and reaction names. The draw depends only on (seed, epoch, step), so resumed runs repeat it.
 */
final class TokenDropout {
    private final double probability;
    private final int unknownId;
    private final long seed;

    TokenDropout(double probability, int unknownId, long seed) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("token dropout must lie in [0, 1), got " + probability);
        }
        this.probability = probability;
        this.unknownId = unknownId;
        this.seed = seed;
    }

    TrainingExample apply(TrainingExample example, int epoch, int step) {
        if (probability == 0) {
            return example;
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + (long) epoch * 1_000_000_007L + step);
        int[] ids = example.tokenIds().clone();
        for (int i = 0; i < ids.length; i++) {
            if (random.nextDouble() < probability) {
                ids[i] = unknownId;
            }
        }
        return new TrainingExample(example.documentId(), ids, example.bioTags(), example.entities(),
                example.relations(), example.wordContinuation(), example.lineIndex());
    }
}
