package org.jnrf.training;

import org.jnrf.network.TokenRange;
import org.jnrf.network.TrainingExample;

import java.util.ArrayList;
import java.util.List;

/**
 * The optimizer steps of an epoch: one per document, or, for a document longer than {@code stepTokens} word pieces,
 * one per span of that length, each with the loss over its span while the network reads the whole document. A corpus
 * of few long documents (TAC's 66 drug labels) thus takes about as many steps as it has spans of text, each a
 * gradient on different tokens, instead of one step per label.
 */
final class StepSpans {
    /** One step: a document and the tokens whose loss it takes (null: all). */
    record Unit(int example, TokenRange lossSpan) {
    }

    private StepSpans() {
    }

    /** @param stepTokens span length in word pieces; 0: one step over each whole document */
    static List<Unit> of(List<TrainingExample> examples, int stepTokens) {
        List<Unit> units = new ArrayList<>();
        for (int e = 0; e < examples.size(); e++) {
            int length = examples.get(e).tokenIds().length;
            if (stepTokens <= 0 || length <= stepTokens) {
                units.add(new Unit(e, null));
                continue;
            }
            // equal spans, none much shorter than the others
            int spans = (length + stepTokens - 1) / stepTokens;
            for (int s = 0; s < spans; s++) {
                units.add(new Unit(e, new TokenRange((int) ((long) length * s / spans),
                        (int) ((long) length * (s + 1) / spans))));
            }
        }
        return units;
    }
}
