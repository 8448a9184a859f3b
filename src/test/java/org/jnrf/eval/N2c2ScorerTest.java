package org.jnrf.eval;

import static org.jnrf.eval.Docs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jnrf.document.AnnotatedDocument;
import org.junit.jupiter.api.Test;

/** Hand-computed expectations; comments give the counts each figure comes from. */
class N2c2ScorerTest {
    private static final double EPS = 1e-12;

    private static EvaluationReport score(AnnotatedDocument gold, AnnotatedDocument predicted) {
        return N2c2Scorer.score(List.of(gold), List.of(predicted));
    }

    private static Counts entityCounts(EvaluationReport r, String type, MatchMode mode) {
        return r.entities().type(type).orElseThrow().counts(mode);
    }

    private static Counts relationCounts(EvaluationReport r, String type, MatchMode mode) {
        return r.relations().type(type).orElseThrow().counts(mode);
    }

    private static AnnotatedDocument goldAdeDrug() {
        return doc("d").entity("T1", "Drug", 0, 7).entity("T2", "ADE", 20, 28)
                .relation("R1", "ADE-Drug", "T2", "T1").build();
    }

    @Test
    void exactMatchIsPerfectWhateverTheIds() {
        AnnotatedDocument predicted = doc("d").entity("P9", "ADE", 20, 28).entity("P4", "Drug", 0, 7)
                .relation("Q1", "ADE-Drug", "P9", "P4").build();
        EvaluationReport r = score(goldAdeDrug(), predicted);
        for (MatchMode mode : MatchMode.values()) {
            assertEquals(new Counts(2, 0, 0), r.entities().microCounts(mode));
            assertEquals(new Counts(1, 0, 0), r.relations().microCounts(mode));
            assertEquals(new PrfScores(1.0, 1.0, 1.0), r.entities().macro(mode));
        }
        assertEquals(1.0, r.strictEntityMicroF1());
        assertEquals(1.0, r.lenientRelationMicroF1());
        assertEquals(List.of("d"), r.documentIds());
    }

    @Test
    void overlappingSpanIsLenientButNotStrictMatch() {
        AnnotatedDocument predicted = doc("d").entity("T1", "Drug", 2, 7).entity("T2", "ADE", 20, 28)
                .relation("R1", "ADE-Drug", "T2", "T1").build();
        EvaluationReport r = score(goldAdeDrug(), predicted);
        // strict: Drug tp0 fp1 fn1, ADE tp1 -> tp1 fp1 fn1
        assertEquals(new Counts(0, 1, 1), entityCounts(r, "Drug", MatchMode.STRICT));
        assertEquals(new Counts(1, 1, 1), r.entities().microCounts(MatchMode.STRICT));
        assertEquals(0.5, r.strictEntityMicroF1(), EPS);
        assertEquals(1.0, r.lenientEntityMicroF1(), EPS);
        // the relation's anchor differs in offsets: a strict miss, a lenient hit
        assertEquals(new Counts(0, 1, 1), r.relations().microCounts(MatchMode.STRICT));
        assertEquals(new Counts(1, 0, 0), r.relations().microCounts(MatchMode.LENIENT));
    }

    @Test
    void touchingSpansDoNotOverlap() {
        EvaluationReport r = score(doc("d").entity("T1", "Drug", 0, 7).build(),
                doc("d").entity("T1", "Drug", 7, 10).build());
        assertEquals(new Counts(0, 1, 1), r.entities().microCounts(MatchMode.LENIENT));
    }

    @Test
    void discontinuousMentionIsScoredAsTheRangeItSpans() {
        AnnotatedDocument gold = doc("d").fragmented("T1", "Reason", 10, 15, 30, 40).build();
        // one fragment from first begin to last end matches strictly, as in the official script
        EvaluationReport whole = score(gold, doc("d").entity("T1", "Reason", 10, 40).build());
        assertEquals(new Counts(1, 0, 0), whole.entities().microCounts(MatchMode.STRICT));
        // a prediction in the gap between the fragments still overlaps that range
        EvaluationReport gap = score(gold, doc("d").entity("T1", "Reason", 20, 25).build());
        assertEquals(new Counts(0, 1, 1), gap.entities().microCounts(MatchMode.STRICT));
        assertEquals(new Counts(1, 0, 0), gap.entities().microCounts(MatchMode.LENIENT));
        // the same fragments predicted exactly
        EvaluationReport same = score(gold, doc("d").fragmented("X", "Reason", 10, 15, 30, 40).build());
        assertEquals(1.0, same.strictEntityMicroF1());
    }

    /** phee-n2c2 holds mentions such as "ADE 66 79;0 40": the official script keeps first begin 66 and last end 40. */
    @Test
    void fragmentsOutOfTextOrderKeepTheOfficialFirstBeginAndLastEnd() {
        AnnotatedDocument gold = doc("d").fragmented("T1", "ADE", 66, 79, 0, 40).build();
        assertEquals(1.0, score(gold, doc("d").fragmented("X", "ADE", 66, 70, 30, 40).build()).strictEntityMicroF1());
        assertEquals(0.0, score(gold, doc("d").entity("X", "ADE", 0, 79).build()).strictEntityMicroF1());
    }

    @Test
    void wrongTypeIsAFalsePositiveAndAFalseNegative() {
        AnnotatedDocument predicted = doc("d").entity("T1", "Drug", 0, 7).entity("T2", "Reason", 20, 28)
                .relation("R1", "Reason-Drug", "T2", "T1").build();
        EvaluationReport r = score(goldAdeDrug(), predicted);
        for (MatchMode mode : MatchMode.values()) {
            assertEquals(new Counts(0, 0, 1), entityCounts(r, "ADE", mode));
            assertEquals(new Counts(0, 1, 0), entityCounts(r, "Reason", mode));
            assertEquals(new Counts(1, 0, 0), entityCounts(r, "Drug", mode));
            assertEquals(new Counts(0, 0, 1), relationCounts(r, "ADE-Drug", mode));
            assertEquals(new Counts(0, 1, 0), relationCounts(r, "Reason-Drug", mode));
        }
    }

    @Test
    void relationNeedsTypeAndBothArgumentsInOrder() {
        AnnotatedDocument swapped = doc("d").entity("T1", "Drug", 0, 7).entity("T2", "ADE", 20, 28)
                .relation("R1", "ADE-Drug", "T1", "T2").build();
        assertEquals(new Counts(0, 1, 1), score(goldAdeDrug(), swapped).relations().microCounts(MatchMode.LENIENT));
        // right spans, wrong argument type (the entity type is part of the argument)
        AnnotatedDocument retyped = doc("d").entity("T1", "Drug", 0, 7).entity("T2", "Reason", 20, 28)
                .relation("R1", "ADE-Drug", "T2", "T1").build();
        assertEquals(new Counts(0, 1, 1), score(goldAdeDrug(), retyped).relations().microCounts(MatchMode.LENIENT));
        // both arguments shifted but overlapping: lenient only
        AnnotatedDocument shifted = doc("d").entity("T1", "Drug", 1, 8).entity("T2", "ADE", 19, 27)
                .relation("R1", "ADE-Drug", "T2", "T1").build();
        EvaluationReport r = score(goldAdeDrug(), shifted);
        assertEquals(0.0, r.strictRelationMicroF1());
        assertEquals(1.0, r.lenientRelationMicroF1());
    }

    @Test
    void redundantPredictionsOfAClaimedGoldMentionAreNotCounted() {
        AnnotatedDocument gold = doc("d").entity("T1", "Drug", 0, 10).build();
        // official script: the second prediction matching the same gold mention is discarded, not a false positive
        EvaluationReport duplicate = score(gold, doc("d").entity("A", "Drug", 0, 10).entity("B", "Drug", 0, 10).build());
        assertEquals(new Counts(1, 0, 0), duplicate.entities().microCounts(MatchMode.STRICT));
        // two halves: strict tp0 fp2 fn1; lenient: the first claims the gold mention, the second is discarded
        EvaluationReport halves = score(gold, doc("d").entity("A", "Drug", 0, 4).entity("B", "Drug", 6, 10).build());
        assertEquals(new Counts(0, 2, 1), halves.entities().microCounts(MatchMode.STRICT));
        assertEquals(new Counts(1, 0, 0), halves.entities().microCounts(MatchMode.LENIENT));
    }

    @Test
    void onePredictionCoveringTwoGoldMentionsIsOneTruePositive() {
        AnnotatedDocument gold = doc("d").entity("T1", "Drug", 0, 5).entity("T2", "Drug", 6, 10).build();
        EvaluationReport r = score(gold, doc("d").entity("A", "Drug", 0, 10).build());
        assertEquals(new Counts(0, 1, 2), r.entities().microCounts(MatchMode.STRICT));
        assertEquals(new Counts(1, 0, 1), r.entities().microCounts(MatchMode.LENIENT));
        // P = 1, R = 1/2, F = 2/3
        assertEquals(2.0 / 3.0, r.lenientEntityMicroF1(), EPS);
    }

    @Test
    void duplicatedGoldMentionCanOnlyBeHalfFound() {
        AnnotatedDocument gold = doc("d").entity("T1", "Drug", 0, 5).entity("T2", "Drug", 0, 5).build();
        EvaluationReport r = score(gold, doc("d").entity("A", "Drug", 0, 5).entity("B", "Drug", 0, 5).build());
        // A claims both gold copies; B then meets a claimed one and is discarded
        assertEquals(new Counts(1, 0, 1), r.entities().microCounts(MatchMode.STRICT));
    }

    /**
     * Two documents. A: gold Drug[0,5] Drug[10,15] ADE[20,25], ADE-Drug(ADE, Drug[0,5]); predicted Drug[0,5]
     * ADE[20,24] Reason[30,35], ADE-Drug(ADE, Drug). B: gold Route[0,4] Drug[5,10], Route-Drug; predicted nothing.
     */
    @Test
    void perTypeMicroAndMacroOverTwoDocuments() {
        AnnotatedDocument goldA = doc("A").entity("T1", "Drug", 0, 5).entity("T2", "Drug", 10, 15)
                .entity("T3", "ADE", 20, 25).relation("R1", "ADE-Drug", "T3", "T1").build();
        AnnotatedDocument predA = doc("A").entity("T1", "Drug", 0, 5).entity("T2", "ADE", 20, 24)
                .entity("T3", "Reason", 30, 35).relation("R1", "ADE-Drug", "T2", "T1").build();
        AnnotatedDocument goldB = doc("B").entity("T1", "Route", 0, 4).entity("T2", "Drug", 5, 10)
                .relation("R1", "Route-Drug", "T1", "T2").build();
        AnnotatedDocument predB = doc("B").build();
        EvaluationReport r = N2c2Scorer.score(List.of(goldB, goldA), List.of(predA, predB));

        assertEquals(TypeLayout.N2C2, r.layout());
        assertEquals(List.of("A", "B"), r.documentIds());
        assertEquals(N2c2Schema.ENTITY_TYPES, r.entities().rowTypes());
        assertEquals(9, r.entities().types().size());
        // per type
        assertEquals(new Counts(1, 0, 2), entityCounts(r, "Drug", MatchMode.STRICT));
        assertEquals(new PrfScores(1.0, 1.0 / 3, 0.5), r.entities().type("Drug").orElseThrow().scores(MatchMode.STRICT));
        assertEquals(new Counts(0, 1, 1), entityCounts(r, "ADE", MatchMode.STRICT));
        assertEquals(new Counts(1, 0, 0), entityCounts(r, "ADE", MatchMode.LENIENT));
        assertEquals(new Counts(0, 1, 0), entityCounts(r, "Reason", MatchMode.LENIENT));
        assertEquals(new Counts(0, 0, 1), entityCounts(r, "Route", MatchMode.LENIENT));
        assertEquals(new Counts(0, 0, 0), entityCounts(r, "Strength", MatchMode.LENIENT));
        assertEquals(3, r.entities().type("Drug").orElseThrow().goldCount());
        // micro: strict tp1 fp2 fn4 -> P 1/3, R 1/5, F 1/4; lenient tp2 fp1 fn3 -> P 2/3, R 2/5, F 1/2
        assertEquals(new Counts(1, 2, 4), r.entities().microCounts(MatchMode.STRICT));
        assertEquals(0.25, r.strictEntityMicroF1(), EPS);
        assertEquals(new Counts(2, 1, 3), r.entities().microCounts(MatchMode.LENIENT));
        assertEquals(0.5, r.lenientEntityMicroF1(), EPS);
        // official macro = average over documents: strict A 1/3 (tp1 fp2 fn2), B 0 -> 1/6; lenient A 2/3, B 0 -> 1/3
        PrfScores strictMacro = r.entities().macro(MatchMode.STRICT);
        assertEquals(1.0 / 6, strictMacro.precision(), EPS);
        assertEquals(1.0 / 6, strictMacro.recall(), EPS);
        assertEquals(1.0 / 6, strictMacro.f1(), EPS);
        assertEquals(1.0 / 3, r.entities().macro(MatchMode.LENIENT).f1(), EPS);
        // type average over the types present (Drug 0.5, ADE 1, Reason 0, Route 0), lenient
        assertEquals(0.375, r.entities().typeAveraged(MatchMode.LENIENT).f1(), EPS);
        // relations: strict tp0 fp1 fn2; lenient tp1 fp0 fn1 -> F 2/3; macro lenient (1 + 0) / 2
        assertEquals(new Counts(0, 1, 2), r.relations().microCounts(MatchMode.STRICT));
        assertEquals(2.0 / 3, r.lenientRelationMicroF1(), EPS);
        assertEquals(new PrfScores(0.5, 0.5, 0.5), r.relations().macro(MatchMode.LENIENT));
        assertEquals(new Counts(0, 0, 1), relationCounts(r, "Route-Drug", MatchMode.LENIENT));
    }

    @Test
    void documentWithoutAnyAnnotationCountsAsZeroInTheMacroAverage() {
        AnnotatedDocument gold = doc("A").entity("T1", "Drug", 0, 5).build();
        AnnotatedDocument empty = doc("B").build();
        EvaluationReport r = N2c2Scorer.score(List.of(gold, empty), List.of(gold, empty));
        assertEquals(1.0, r.strictEntityMicroF1());
        assertEquals(new PrfScores(0.5, 0.5, 0.5), r.entities().macro(MatchMode.STRICT));
    }

    @Test
    void missingPredictionsCountAsEmptyOrAreSkipped() {
        AnnotatedDocument goldA = doc("A").entity("T1", "Drug", 0, 5).build();
        AnnotatedDocument goldB = doc("B").entity("T1", "Drug", 0, 5).build();
        AnnotatedDocument extra = doc("C").entity("T1", "Drug", 0, 5).build();
        EvaluationReport asEmpty = N2c2Scorer.score(List.of(goldA, goldB), List.of(goldA, extra));
        assertEquals(List.of("A", "B"), asEmpty.documentIds());
        assertEquals(List.of("B"), asEmpty.missingPredictions());
        assertEquals(List.of("C"), asEmpty.predictionOnly());
        assertEquals(new Counts(1, 0, 1), asEmpty.entities().microCounts(MatchMode.STRICT));

        EvaluationReport skipped = N2c2Scorer.defaults().withMissingPredictions(MissingPredictionPolicy.SKIP)
                .evaluate(List.of(goldA, goldB), List.of(goldA, extra));
        assertEquals(List.of("A"), skipped.documentIds());
        assertEquals(List.of("B"), skipped.missingPredictions());
        assertEquals(new Counts(1, 0, 0), skipped.entities().microCounts(MatchMode.STRICT));
    }

    @Test
    void emptyPredictionsScoreZero() {
        EvaluationReport r = N2c2Scorer.score(List.of(goldAdeDrug()), List.of());
        for (MatchMode mode : MatchMode.values()) {
            assertEquals(new Counts(0, 0, 2), r.entities().microCounts(mode));
            assertEquals(new Counts(0, 0, 1), r.relations().microCounts(mode));
            assertEquals(PrfScores.ZERO, r.entities().macro(mode));
        }
        assertEquals(1, r.documentCount());
    }

    @Test
    void otherSchemaGetsRowsFromTheData() {
        AnnotatedDocument gold = doc("label").entity("T1", "AdverseReaction", 0, 6).entity("T2", "Severity", 7, 12)
                .relation("R1", "Effect", "T2", "T1").build();
        AnnotatedDocument pred = doc("label").entity("T1", "AdverseReaction", 0, 6).entity("T2", "Negation", 7, 12)
                .build();
        EvaluationReport r = N2c2Scorer.score(List.of(gold), List.of(pred));
        assertEquals(TypeLayout.DATA, r.layout());
        assertEquals(List.of("AdverseReaction", "Negation", "Severity"), r.entities().rowTypes());
        assertEquals(List.of("Effect"), r.relations().rowTypes());
        assertEquals(new Counts(1, 1, 1), r.entities().microCounts(MatchMode.STRICT));

        EvaluationReport forced = N2c2Scorer.defaults().withTypeLayout(TypeLayout.N2C2)
                .evaluate(List.of(gold), List.of(pred));
        assertEquals(N2c2Schema.ENTITY_TYPES, forced.entities().rowTypes());
        // types outside the rows are still reported and counted in the overall figures
        assertEquals(12, forced.entities().types().size());
        assertEquals(new Counts(1, 1, 1), forced.entities().microCounts(MatchMode.STRICT));
    }

    @Test
    void rejectsInconsistentInput() {
        AnnotatedDocument dangling = doc("d").entity("T1", "Drug", 0, 5).relation("R1", "ADE-Drug", "T9", "T1").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> N2c2Scorer.score(List.of(goldAdeDrug()), List.of(dangling)));
        assertTrue(e.getMessage().contains("T9") && e.getMessage().contains("document d"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> N2c2Scorer.score(List.of(goldAdeDrug(), goldAdeDrug()), List.of()));
        AnnotatedDocument ambiguous = doc("d").entity("T1", "Drug", 0, 7).entity("T1", "ADE", 20, 28)
                .relation("R1", "ADE-Drug", "T1", "T1").build();
        assertThrows(IllegalArgumentException.class, () -> N2c2Scorer.score(List.of(goldAdeDrug()), List.of(ambiguous)));
    }
}
