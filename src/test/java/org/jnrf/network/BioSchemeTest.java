package org.jnrf.network;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BioSchemeTest {
    @Test
    void eachTypeHasItsOwnBeginAndInsideTagAfterOutside() {
        assertEquals(7, BioScheme.tagCount(3));
        assertEquals(-1, BioScheme.type(BioScheme.OUTSIDE));
        assertFalse(BioScheme.isBegin(BioScheme.OUTSIDE));
        assertFalse(BioScheme.isInside(BioScheme.OUTSIDE));
        for (int type = 0; type < 3; type++) {
            int begin = BioScheme.begin(type);
            int inside = BioScheme.inside(type);
            assertEquals(1 + 2 * type, begin);
            assertEquals(2 + 2 * type, inside);
            assertTrue(begin > BioScheme.OUTSIDE && inside < BioScheme.tagCount(3));
            assertEquals(type, BioScheme.type(begin));
            assertEquals(type, BioScheme.type(inside));
            assertTrue(BioScheme.isBegin(begin) && !BioScheme.isInside(begin));
            assertTrue(BioScheme.isInside(inside) && !BioScheme.isBegin(inside));
        }
    }
}
