package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.junit.jupiter.api.Test;

class BratAnnParserTest {
    //                                     0         1         2         3         4
    //                                     0123456789012345678901234567890123456789012345
    private static final String TEXT = "Aspirin 81 mg caused severe\ngastric bleeding.";
    private final BratAnnParser parser = BratAnnParser.checkingSurfaceText();

    private AnnotatedDocument parse(String ann) throws CorpusFormatException {
        return parser.parse("doc", TEXT, ann, "doc.ann");
    }

    @Test
    void readsEntitiesRelationsAndDiscontinuousSpans() throws Exception {
        AnnotatedDocument doc = parse("""
                T1\tDrug 0 7\tAspirin
                T2\tStrength 8 13\t81 mg
                T3\tADE 21 27;36 44\tsevere bleeding
                R1\tStrength-Drug Arg1:T2 Arg2:T1
                R2\tADE-Drug Arg1:T3 Arg2:T1
                """);
        assertEquals("doc", doc.documentId());
        assertEquals(List.of(new EntityMention("T1", "Drug", List.of(new TextSpan(0, 7)), 1.0),
                new EntityMention("T2", "Strength", List.of(new TextSpan(8, 13)), 1.0),
                new EntityMention("T3", "ADE", List.of(new TextSpan(21, 27), new TextSpan(36, 44)), 1.0)),
                doc.entities());
        assertEquals(List.of(new RelationMention("R1", "Strength-Drug", "T2", "T1"),
                new RelationMention("R2", "ADE-Drug", "T3", "T1")), doc.relations());
    }

    @Test
    void skipsAttributesNotesEventsNormalisationsAndBlankLines() throws Exception {
        AnnotatedDocument doc = parse("""
                T1\tDrug 0 7\tAspirin
                A1\tNegated T1
                #1\tAnnotatorNotes T1\tsome note
                
                E1\tCause:T1
                N1\tReference T1 RxNorm:1191\tAspirin
                M1\tSpeculation T1
                \r
                R1\tADE-Drug Arg1:T2 Arg2:T1\t
                T2\tADE 36 44\tbleeding
                """);
        assertEquals(2, doc.entities().size());
        assertEquals(List.of(new RelationMention("R1", "ADE-Drug", "T2", "T1")), doc.relations(),
                "a relation may precede its entity and carry a trailing tab");
    }

    @Test
    void acceptsASurfaceWrittenWithItsLineBreak() throws Exception {
        // as in Chia: the raw line break of the text ends the line, the surface goes on below
        AnnotatedDocument doc = parse("T1\tADE 21 44\tsevere\ngastric bleeding\nT2\tDrug 0 7\tAspirin\n");
        assertEquals(List.of("ADE 21-44", "Drug 0-7"), AnnotationKeys.entities(doc));
        // but only as many extra lines as the mention has line breaks, and never an annotation-like line
        assertProblem(assertThrows(CorpusFormatException.class, () -> BratAnnParser.withoutSurfaceCheck()
                .parse("doc", TEXT, "T1\tADE 21 44\tsevere\ngastric\nbleeding\n", "doc.ann")), 3, "malformed line");
        assertProblem(assertThrows(CorpusFormatException.class,
                () -> parse("T1\tDrug 0 7\tAspirin\nstray text\n")), 2, "malformed line");
        assertProblem(assertThrows(CorpusFormatException.class,
                () -> parse("T1\tADE 21 44\tsevere\nT2\tDrug 0 7\tAspirin\n")), 1, "surface text of entity T1");
    }

    @Test
    void sortsFragmentsWrittenOutOfOrder() throws Exception {
        AnnotatedDocument doc = parse("T1\tADE 36 44;21 27\tbleeding severe\n");
        assertEquals(List.of(new TextSpan(21, 27), new TextSpan(36, 44)), doc.entities().get(0).fragments());
    }

    @Test
    void acceptsSurfaceThatDiffersOnlyInWhitespace() throws Exception {
        // the span crosses the newline; n2c2 writes it as a space
        AnnotatedDocument doc = parse("T1\tADE 21 44\tsevere gastric bleeding\r\n");
        assertEquals(List.of(new TextSpan(21, 44)), doc.entities().get(0).fragments());
    }

    @Test
    void surfaceMismatchIsAnErrorUnlessTheCheckIsOff() throws Exception {
        String ann = "T1\tDrug 1 7\tAspirin\nT2\tDrug 0 7\tAspirin\n";
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> parse(ann));
        assertProblem(e, 1, "surface text of entity T1");
        assertFalse(e.getMessage().contains("Aspirin"), "no note text in messages");
        AnnotatedDocument lenient = BratAnnParser.withoutSurfaceCheck().parse("doc", TEXT, ann, "doc.ann");
        assertEquals(2, lenient.entities().size());
    }

    @Test
    void offsetOutsideTheTextNamesFileAndLine() {
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
                () -> parse("T1\tDrug 0 7\tAspirin\nT2\tADE 40 99\tbleeding.\n"));
        assertProblem(e, 2, "outside the text");
    }

    @Test
    void endBeforeBeginIsAnError() {
        assertProblem(assertThrows(CorpusFormatException.class, () -> parse("T1\tDrug 7 0\tAspirin\n")), 1,
                "ends (0) before it begins (7)");
    }

    @Test
    void relationNamingAMissingEntityNamesTheRelationLine() {
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> parse("""
                T1\tDrug 0 7\tAspirin
                
                R1\tADE-Drug Arg1:T9 Arg2:T1
                """));
        assertProblem(e, 3, "relation R1 names entity T9, which is not defined");
    }

    @Test
    void malformedLinesAreErrors() {
        assertProblem(assertThrows(CorpusFormatException.class, () -> parse("T1 Drug 0 7 Aspirin\n")), 1,
                "malformed entity line");
        assertProblem(assertThrows(CorpusFormatException.class, () -> parse("T1\tDrug 0 x\tAspirin\n")), 1,
                "the end offset of span 1 of entity T1 is not a non-negative integer");
        assertProblem(assertThrows(CorpusFormatException.class, () -> parse("T1\tDrug 0\tAspirin\n")), 1,
                "malformed span");
        assertProblem(assertThrows(CorpusFormatException.class,
                () -> parse("T1\tDrug 0 7\tAspirin\nR1\tADE-Drug Arg1:T1\n")), 2, "malformed relation R1");
        assertProblem(assertThrows(CorpusFormatException.class, () -> parse("X1\tfoo\n")), 1, "malformed line");
        assertProblem(assertThrows(CorpusFormatException.class,
                () -> parse("T1\tDrug 0 7\tAspirin\nT1\tDrug 0 7\tAspirin\n")), 2, "duplicate entity id T1");
        assertProblem(assertThrows(CorpusFormatException.class, () -> parse("T1\tADE 21 30;28 44\tanything\n")), 1,
                "fragments of entity T1 overlap");
    }

    @Test
    void messagesNeverQuoteTheLineOrTheNote() {
        String marker = "ZQXMARKER";
        String text = "Aspirin " + marker + " daily.";
        List<String> bad = List.of(
                "T1 Drug 0 7 " + marker + "\n",
                "T1\t" + marker + "\taspirin\n",
                "T1\tDrug 0 " + marker + "\tAspirin\n",
                "T1\tDrug 0 7 " + marker + "\tAspirin\n",
                "T1\tDrug 0 7\t" + marker + "\n",
                "T1\tDrug 8 17\tAspirin\n",
                "T1\tDrug 0 99\t" + marker + "\n",
                "T" + marker + "\tDrug 0 7\tAspirin\nT" + marker + "\tDrug 0 7\tAspirin\n",
                "T1\tDrug 0 7\tAspirin\nR1\tADE-Drug Arg1:T1 " + marker + "\n",
                "T1\tDrug 0 7\tAspirin\nR1\tADE-Drug Arg1:T1 Arg2:" + marker + "\n",
                "T1\tDrug 0 7\tAspirin\nR" + marker + "\tADE-Drug Arg1:T1 Arg2:T9\n",
                marker + "\tDrug 0 7\tAspirin\n");
        for (String ann : bad) {
            CorpusFormatException e = assertThrows(CorpusFormatException.class,
                    () -> parser.parse("doc", text, ann, "doc.ann"), ann);
            assertTrue(e.getMessage().startsWith("doc.ann, line "), e.getMessage());
            assertFalse(e.getMessage().contains(marker), e.getMessage());
        }
    }

    @Test
    void convertsBratCodePointOffsetsToJavaOffsets() throws Exception {
        String text = "\uD83D\uDE00 aspirin"; // an emoji (two UTF-16 units, one code point) first
        AnnotatedDocument doc = parser.parse("d", text, "T1\tDrug 2 9\taspirin\n", "d.ann");
        assertEquals(List.of(new TextSpan(3, 10)), doc.entities().get(0).fragments());
        assertEquals("T1\tDrug 2 9\taspirin\n", BratAnnFormatter.format(doc));
    }

    private static void assertProblem(CorpusFormatException e, int line, String problem) {
        assertEquals("doc.ann", e.file());
        assertEquals(line, e.line());
        assertTrue(e.getMessage().startsWith("doc.ann, line " + line + ": "), e.getMessage());
        assertTrue(e.problem().contains(problem), e.getMessage());
    }
}
