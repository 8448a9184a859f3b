package org.jnrf.eval;

import java.util.List;

/**
 * Scores of two folders of {@code .ann} files and the files that could not be read: those documents are left out
 * of the scores.
 *
 * @param report   the scores of every document whose gold and predicted files could be read
 * @param problems one per malformed or unreadable file (file, line and problem in the message)
 */
public record FolderEvaluation(EvaluationReport report, List<AnnFormatException> problems) {
    public FolderEvaluation {
        problems = List.copyOf(problems);
    }
}
