package org.jnrf.training;

import org.jnrf.network.TrainingExample;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenDropoutTest {
    private static TrainingExample document(int length) {
        int[] ids = new int[length];
        Arrays.setAll(ids, i -> 5 + i % 50);
        return new TrainingExample("d", ids, new int[length], List.of(), List.of());
    }

    @Test
    void replacesAboutPOfTheTokensByUnknownAndRepeatsPerStep() {
        TrainingExample doc = document(20000);
        TokenDropout dropout = new TokenDropout(0.1, 1, 42);
        TrainingExample a = dropout.apply(doc, 3, 7);
        long unknown = Arrays.stream(a.tokenIds()).filter(id -> id == 1).count();
        assertEquals(2000, unknown, 200);
        for (int i = 0; i < doc.tokenIds().length; i++) {
            assertTrue(a.tokenIds()[i] == 1 || a.tokenIds()[i] == doc.tokenIds()[i]);
        }
        assertArrayEquals(a.tokenIds(), dropout.apply(doc, 3, 7).tokenIds(), "same step, same draw (resumable)");
        assertFalse(Arrays.equals(a.tokenIds(), dropout.apply(doc, 3, 8).tokenIds()), "each step draws anew");
        assertSame(doc.bioTags(), a.bioTags());
        assertEquals(5, doc.tokenIds()[0], "the stored example is not changed");
    }

    @Test
    void zeroIsTheIdentityAndOneIsRefused() {
        TrainingExample doc = document(10);
        assertSame(doc, new TokenDropout(0, 1, 1).apply(doc, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenDropout(1, 1, 1));
    }
}
