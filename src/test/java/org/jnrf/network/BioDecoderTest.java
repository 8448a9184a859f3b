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
    void constrainedDecodingKeepsAPhraseWholeAcrossOneUncertainToken() {
        // B-0 I-0 [O slightly ahead of I-0] I-0: greedy breaks it in two, the best valid path keeps one span
        double[][] p = tags(0, 1, 2, 0, 2, 0);
        p[3] = new double[]{0.45, 0.05, 0.40, 0.05, 0.05};
        assertEquals(List.of(new TokenRange(1, 3), new TokenRange(4, 5)), ranges(BioDecoder.decode(p)));
        List<EntitySpan> spans = BioDecoder.decodeConstrained(p, null);
        assertEquals(List.of(new TokenRange(1, 5)), ranges(spans));
        assertEquals((0.925 + 0.925 + 0.45 + 0.925) / 4, spans.get(0).confidence(), 1e-12);
    }

    @Test
    void constrainedDecodingNeverStartsWithInsideOrSplitsAWord() {
        // an I- tag never opens a span: here B-1 is the most probable valid start
        double[][] lone = tags(0, 4, 0);
        lone[1][3] = 0.07;
        List<EntitySpan> spans1 = BioDecoder.decodeConstrained(lone, null);
        assertEquals(List.of(new TokenRange(1, 2)), ranges(spans1));
        assertEquals(1, spans1.get(0).type());
        // words: [0] [1 2 3] [4 5] [6]; the tagger marks piece 2 only: the decoded entity is the whole word or nothing
        boolean[] cont = {false, false, true, true, false, true, false};
        double[][] p = tags(0, 0, 1, 0, 0, 0, 0);
        for (EntitySpan s : BioDecoder.decodeConstrained(p, cont)) {
            TokenRange r = s.ranges().get(0);
            assertEquals(false, cont[r.begin()], "span starts inside a word");
            assertEquals(true, r.end() == cont.length || !cont[r.end()], "span ends inside a word");
        }
        // a word whose pieces disagree gets one type
        double[][] q = tags(0, 0, 0, 0, 1, 3, 0);
        List<EntitySpan> spans = BioDecoder.decodeConstrained(q, cont);
        assertEquals(List.of(new TokenRange(4, 6)), ranges(spans));
        assertEquals(0, spans.get(0).type());
    }
}
