package org.jnrf.network;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BioDecoderTest {
    /** One row per token, all mass (0.9) on the given tag; 5 tags = O, B-0, I-0, B-1, I-1. */
    private static double[][] tags(int... t) {
        double[][] p = new double[t.length][5];
        for (int i = 0; i < t.length; i++) {
            for (int k = 0; k < 5; k++) {
                p[i][k] = k == t[i] ? 0.9 : 0.025;
            }
        }
        return p;
    }

    private static List<TokenRange> ranges(List<EntitySpan> spans) {
        return spans.stream().map(s -> s.ranges().get(0)).toList();
    }

    @Test
    void lenientBio() {
        List<EntitySpan> spans = BioDecoder.decode(tags(0, 1, 2, 0, 2, 2, 3, 4, 1, 0));
        assertEquals(List.of(new TokenRange(1, 3), new TokenRange(4, 6), new TokenRange(6, 8), new TokenRange(8, 9)),
                ranges(spans));
        assertEquals(List.of(0, 0, 1, 0), spans.stream().map(EntitySpan::type).toList());
        assertEquals(0.9, spans.get(0).confidence(), 1e-12);
    }

    @Test
    void spansWidenToWholeWordsAndMerge() {
        // words: [0] [1 2 3] [4 5] [6]; a span on piece 2 only takes the whole word 1..3
        boolean[] cont = {false, false, true, true, false, true, false};
        assertEquals(List.of(new TokenRange(1, 4)), ranges(BioDecoder.decode(tags(0, 0, 1, 0, 0, 0, 0), cont)));
        // two pieces of one word tagged as two entities of the same type merge
        assertEquals(List.of(new TokenRange(4, 6)), ranges(BioDecoder.decode(tags(0, 0, 0, 0, 1, 1, 0), cont)));
        // different types inside one word: the more confident one wins
        double[][] p = tags(0, 0, 0, 0, 1, 3, 0);
        p[5][3] = 0.95;
        List<EntitySpan> spans = BioDecoder.decode(p, cont);
        assertEquals(List.of(new TokenRange(4, 6)), ranges(spans));
        assertEquals(1, spans.get(0).type());
        assertEquals(ranges(BioDecoder.decode(tags(0, 1, 2, 0, 3, 0, 0))),
                ranges(BioDecoder.decode(tags(0, 1, 2, 0, 3, 0, 0), null)));
    }
}
