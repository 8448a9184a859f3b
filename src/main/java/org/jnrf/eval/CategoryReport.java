package org.jnrf.eval;

import java.util.List;
import java.util.Optional;

/**
 * The scores of one category of annotations (entities, or relations) over all scored documents.
 *
 * @param types        per-type counts over all documents: first the row types, then any other type found
 * @param rowTypes     the types that get a row in the official table layout, in row order
 * @param strictMicro  counts pooled over all types and documents, exact offsets
 * @param lenientMicro counts pooled over all types and documents, overlapping offsets
 * @param strictMacro  the official script's macro average, exact offsets: precision, recall and F1 of each document
 *                     (all types pooled) averaged over documents, a document without gold or predicted mention
 *                     counting as 0
 * @param lenientMacro the same with overlapping offsets
 */
public record CategoryReport(List<TypeScores> types, List<String> rowTypes, Counts strictMicro, Counts lenientMicro,
                             PrfScores strictMacro, PrfScores lenientMacro) {
    public CategoryReport {
        types = List.copyOf(types);
        rowTypes = List.copyOf(rowTypes);
    }

    public Counts microCounts(MatchMode mode) {
        return mode == MatchMode.STRICT ? strictMicro : lenientMicro;
    }

    /** Precision, recall and F1 of the counts pooled over all types and documents. */
    public PrfScores micro(MatchMode mode) {
        return microCounts(mode).scores();
    }

    /** The official (document-averaged) macro scores, see {@link CategoryReport}. */
    public PrfScores macro(MatchMode mode) {
        return mode == MatchMode.STRICT ? strictMacro : lenientMacro;
    }

    /**
     * Per-type scores averaged over the types that occur in the gold or predicted annotations (the usual "macro over
     * classes", which the official script does not print).
     */
    public PrfScores typeAveraged(MatchMode mode) {
        PrfScores sum = PrfScores.ZERO;
        int n = 0;
        for (TypeScores t : types) {
            if (t.goldCount() + t.predictedCount() > 0) {
                sum = sum.plus(t.scores(mode));
                n++;
            }
        }
        return sum.dividedBy(n);
    }

    public Optional<TypeScores> type(String type) {
        return types.stream().filter(t -> t.type().equals(type)).findFirst();
    }
}
