package org.jnrf.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.jnrf.testing.TestCorpora;
import org.junit.jupiter.api.Test;

class GoldAgainstGoldTest {
    @Test
    void pheeDevAgainstItselfIsPerfectStrictly() throws Exception {
        Path pheeDev = TestCorpora.whole("phee-n2c2/dev");
        EvaluationReport r = N2c2Scorer.scoreFolders(pheeDev, pheeDev);
        assertEquals(371, r.documentCount());
        assertEquals(TypeLayout.N2C2, r.layout());
        assertEquals(new PrfScores(1.0, 1.0, 1.0), r.entities().micro(MatchMode.STRICT));
        assertEquals(new PrfScores(1.0, 1.0, 1.0), r.relations().micro(MatchMode.STRICT));
        for (TypeScores t : r.entities().types()) {
            if (t.goldCount() > 0) {
                assertEquals(new Counts(t.goldCount(), 0, 0), t.strict(), t.type());
            }
        }
        assertEquals(2701, r.entities().microCounts(MatchMode.STRICT).truePositives());
        assertEquals(1857, r.relations().microCounts(MatchMode.STRICT).truePositives());
        // as in the official script: 2 of the 371 documents have no relation, and count 0 in the macro average
        assertEquals("0.9946", N2c2TableFormatter.number(r.relations().macro(MatchMode.STRICT).f1()));
        // and overlapping gold mentions of one type cannot all be claimed leniently (official lenient micro F1)
        assertEquals("0.9987", N2c2TableFormatter.number(r.relations().micro(MatchMode.LENIENT).f1()));
    }
}
