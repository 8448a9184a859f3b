package org.jnrf.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CountsTest {
    @Test
    void scoresWithZeroDenominatorsAreZero() {
        assertEquals(PrfScores.ZERO, Counts.ZERO.scores());
        assertEquals(new PrfScores(0.0, 0.0, 0.0), new Counts(0, 3, 0).scores());
        assertEquals(new PrfScores(0.0, 0.0, 0.0), new Counts(0, 0, 3).scores());
    }

    @Test
    void precisionRecallF1() {
        Counts c = new Counts(3, 1, 2);
        assertEquals(0.75, c.precision());
        assertEquals(0.6, c.recall());
        // 2 * 0.75 * 0.6 / 1.35
        assertEquals(2.0 / 3.0, c.f1(), 1e-15);
        assertEquals(new Counts(4, 1, 5), c.plus(new Counts(1, 0, 3)));
    }

    @Test
    void rejectsNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> new Counts(-1, 0, 0));
    }
}
