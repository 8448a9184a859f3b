package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.junit.jupiter.api.Test;

class BratAnnFormatterTest {
    private static final String TEXT = "Aspirin 81 mg caused severe\ngastric\tbleeding.";

    @Test
    void writesN2c2LinesWithOneLineSurfaces() {
        AnnotatedDocument doc = new AnnotatedDocument("d", TEXT,
                List.of(new EntityMention("T1", "Drug", new TextSpan(0, 7)),
                        new EntityMention("T7", "ADE", List.of(new TextSpan(36, 44), new TextSpan(21, 35)), 0.8)),
                List.of(new RelationMention("R3", "ADE-Drug", "T7", "T1", 0.5)));
        assertEquals("""
                T1\tDrug 0 7\tAspirin
                T7\tADE 21 35;36 44\tsevere gastric bleeding
                R3\tADE-Drug Arg1:T7 Arg2:T1
                """, BratAnnFormatter.format(doc));
    }

    @Test
    void renumbersIdsThatAreNotBratIds() throws Exception {
        AnnotatedDocument doc = new AnnotatedDocument("d", TEXT,
                List.of(new EntityMention("drug-a", "Drug", new TextSpan(0, 7)),
                        new EntityMention("e2", "Strength", new TextSpan(8, 13))),
                List.of(new RelationMention("x", "Strength-Drug", "e2", "drug-a")));
        String ann = BratAnnFormatter.format(doc);
        assertEquals("""
                T1\tDrug 0 7\tAspirin
                T2\tStrength 8 13\t81 mg
                R1\tStrength-Drug Arg1:T2 Arg2:T1
                """, ann);
        assertEquals(2, BratAnnParser.checkingSurfaceText().parse("d", TEXT, ann, "d.ann").entities().size());
    }

    @Test
    void refusesRelationsToUnknownEntitiesAndSpansPastTheText() {
        assertThrows(IllegalArgumentException.class, () -> BratAnnFormatter.format(new AnnotatedDocument("d", TEXT,
                List.of(new EntityMention("T1", "Drug", new TextSpan(0, 7))),
                List.of(new RelationMention("R1", "ADE-Drug", "T2", "T1")))));
        assertThrows(IllegalArgumentException.class, () -> BratAnnFormatter.format(new AnnotatedDocument("d", TEXT,
                List.of(new EntityMention("T1", "Drug", new TextSpan(0, 700))), List.of())));
    }
}
