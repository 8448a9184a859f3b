package org.jnrf.eval;

/**
 * The counts of one entity or relation type in both match modes.
 *
 * @param type           the entity or relation type, e.g. "Drug" or "ADE-Drug"
 * @param goldCount      how many gold mentions of the type were scored
 * @param predictedCount how many predicted mentions of the type were scored (before redundant ones are discarded)
 * @param strict         counts under exact offsets
 * @param lenient        counts under overlapping offsets
 */
public record TypeScores(String type, int goldCount, int predictedCount, Counts strict, Counts lenient) {
    static TypeScores empty(String type) {
        return new TypeScores(type, 0, 0, Counts.ZERO, Counts.ZERO);
    }

    public Counts counts(MatchMode mode) {
        return mode == MatchMode.STRICT ? strict : lenient;
    }

    public PrfScores scores(MatchMode mode) {
        return counts(mode).scores();
    }

    TypeScores plus(TypeScores other) {
        return new TypeScores(type, goldCount + other.goldCount, predictedCount + other.predictedCount,
                strict.plus(other.strict), lenient.plus(other.lenient));
    }
}
