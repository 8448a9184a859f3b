package org.jnrf.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;

/**
 * n2c2 2018 Track 2 scorer: strict and lenient precision, recall and F1 of entities and relations, per type, micro
 * and macro, with the numbers of the official evaluation script (see docs/evaluation.md). Documents are paired by
 * {@link AnnotatedDocument#documentId()}; texts are not used. Instances are immutable and thread-safe.
 */
public final class N2c2Scorer {
    private static final N2c2Scorer DEFAULT = new N2c2Scorer(MissingPredictionPolicy.COUNT_AS_EMPTY, TypeLayout.AUTO);

    private final MissingPredictionPolicy missingPredictionPolicy;
    private final TypeLayout typeLayout;

    private N2c2Scorer(MissingPredictionPolicy missingPredictionPolicy, TypeLayout typeLayout) {
        this.missingPredictionPolicy = Objects.requireNonNull(missingPredictionPolicy);
        this.typeLayout = Objects.requireNonNull(typeLayout);
    }

    /** Missing predictions count as empty; the row layout follows the gold types. */
    public static N2c2Scorer defaults() {
        return DEFAULT;
    }

    public N2c2Scorer withMissingPredictions(MissingPredictionPolicy policy) {
        return new N2c2Scorer(policy, typeLayout);
    }

    public N2c2Scorer withTypeLayout(TypeLayout layout) {
        return new N2c2Scorer(missingPredictionPolicy, layout);
    }

    /** Scores in-memory documents with the default settings. */
    public static EvaluationReport score(List<AnnotatedDocument> gold, List<AnnotatedDocument> predicted) {
        return DEFAULT.evaluate(gold, predicted);
    }

    /** Scores the {@code .ann} files of two folders with the default settings, see {@link #evaluateFolders}. */
    public static EvaluationReport scoreFolders(Path goldFolder, Path predictedFolder) throws IOException {
        return DEFAULT.evaluateFolders(goldFolder, predictedFolder);
    }

    /**
     * Reads every {@code NAME.ann} of both folders (not their subfolders) as the official script parses them, and
     * scores them; a document is named by its file name without {@code .ann}.
     *
     * @throws AnnFormatException if a file is malformed (the message names file and line)
     * @throws IOException        if a folder cannot be read or the gold folder holds no {@code .ann} file
     */
    public EvaluationReport evaluateFolders(Path goldFolder, Path predictedFolder) throws IOException {
        List<AnnotatedDocument> gold = AnnFolderReader.read(goldFolder);
        if (gold.isEmpty()) {
            throw new IOException("no .ann file in gold folder " + goldFolder);
        }
        return evaluate(gold, AnnFolderReader.read(predictedFolder));
    }

    /**
     * As {@link #evaluateFolders}, but a malformed file does not stop the scoring: its document is left out on both
     * sides (a broken gold file cannot be scored, and a broken prediction scored as empty would understate the
     * system), and each malformed file is returned with its problem.
     *
     * @throws IOException if a folder cannot be read or the gold folder holds no {@code .ann} file
     */
    public FolderEvaluation evaluateReadableFiles(Path goldFolder, Path predictedFolder) throws IOException {
        AnnFolderReader.Contents gold = AnnFolderReader.readAll(goldFolder);
        if (gold.documents().isEmpty() && gold.problems().isEmpty()) {
            throw new IOException("no .ann file in gold folder " + goldFolder);
        }
        AnnFolderReader.Contents predicted = AnnFolderReader.readAll(predictedFolder);
        List<AnnFormatException> problems = new ArrayList<>(gold.problems());
        problems.addAll(predicted.problems());
        Set<String> broken = new HashSet<>();
        for (AnnFormatException problem : problems) {
            broken.add(AnnFileParser.documentId(problem.file()));
        }
        return new FolderEvaluation(evaluate(withoutIds(gold.documents(), broken),
                withoutIds(predicted.documents(), broken)), problems);
    }

    private static List<AnnotatedDocument> withoutIds(List<AnnotatedDocument> documents, Set<String> ids) {
        return documents.stream().filter(d -> !ids.contains(d.documentId())).toList();
    }

    /**
     * Scores predicted documents against gold documents.
     *
     * @throws IllegalArgumentException if a document id occurs twice in one list, two entities of a document share an
     *                                  id, or a relation refers to an entity its document lacks
     */
    public EvaluationReport evaluate(List<AnnotatedDocument> gold, List<AnnotatedDocument> predicted) {
        Map<String, AnnotatedDocument> goldById = byId(gold, "gold");
        Map<String, AnnotatedDocument> predictedById = byId(predicted, "predicted");

        List<String> scoredIds = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<DocumentScore> documentScores = new ArrayList<>();
        for (AnnotatedDocument g : goldById.values()) {
            AnnotatedDocument p = predictedById.get(g.documentId());
            if (p == null) {
                missing.add(g.documentId());
                if (missingPredictionPolicy == MissingPredictionPolicy.SKIP) {
                    continue;
                }
                p = AnnotatedDocument.unannotated(g.documentId(), g.text());
            }
            scoredIds.add(g.documentId());
            documentScores.add(DocumentScorer.score(g, p));
        }
        List<String> predictionOnly = predictedById.keySet().stream().filter(id -> !goldById.containsKey(id)).toList();

        TypeLayout layout = resolveLayout(goldById.values());
        CategoryReport entities = aggregate(documentScores, DocumentScore::entities,
                layout == TypeLayout.N2C2 ? N2c2Schema.ENTITY_TYPES : List.of());
        CategoryReport relations = aggregate(documentScores, DocumentScore::relations,
                layout == TypeLayout.N2C2 ? N2c2Schema.RELATION_TYPES : List.of());
        return new EvaluationReport(layout, scoredIds, missing, predictionOnly, entities, relations);
    }

    private TypeLayout resolveLayout(Collection<AnnotatedDocument> gold) {
        if (typeLayout != TypeLayout.AUTO) {
            return typeLayout;
        }
        for (AnnotatedDocument d : gold) {
            for (EntityMention e : d.entities()) {
                if (!N2c2Schema.isEntityType(e.type())) {
                    return TypeLayout.DATA;
                }
            }
            for (RelationMention r : d.relations()) {
                if (!N2c2Schema.isRelationType(r.type())) {
                    return TypeLayout.DATA;
                }
            }
        }
        return TypeLayout.N2C2;
    }

    /**
     * Sums the per-type counts over documents. With fixed rows (n2c2) the rows come first and other types found
     * follow; otherwise every type found is a row, in alphabetical order.
     */
    private static CategoryReport aggregate(List<DocumentScore> documents,
                                            Function<DocumentScore, Map<String, TypeScores>> category,
                                            List<String> fixedRows) {
        Map<String, TypeScores> totals = new TreeMap<>();
        PrfScores strictMacroSum = PrfScores.ZERO;
        PrfScores lenientMacroSum = PrfScores.ZERO;
        Counts strictMicro = Counts.ZERO;
        Counts lenientMicro = Counts.ZERO;
        for (DocumentScore d : documents) {
            Map<String, TypeScores> byType = category.apply(d);
            for (TypeScores t : byType.values()) {
                totals.merge(t.type(), t, TypeScores::plus);
            }
            Counts strict = DocumentScore.total(byType, MatchMode.STRICT);
            Counts lenient = DocumentScore.total(byType, MatchMode.LENIENT);
            strictMicro = strictMicro.plus(strict);
            lenientMicro = lenientMicro.plus(lenient);
            strictMacroSum = strictMacroSum.plus(strict.scores());
            lenientMacroSum = lenientMacroSum.plus(lenient.scores());
        }
        List<String> rows = fixedRows.isEmpty() ? List.copyOf(totals.keySet()) : fixedRows;
        List<TypeScores> types = new ArrayList<>();
        for (String row : rows) {
            types.add(totals.getOrDefault(row, TypeScores.empty(row)));
        }
        for (TypeScores t : totals.values()) {
            if (!rows.contains(t.type())) {
                types.add(t);
            }
        }
        return new CategoryReport(types, rows, strictMicro, lenientMicro,
                strictMacroSum.dividedBy(documents.size()), lenientMacroSum.dividedBy(documents.size()));
    }

    /** Documents by id in id order, so that figures never depend on input order. */
    private static Map<String, AnnotatedDocument> byId(List<AnnotatedDocument> documents, String role) {
        List<AnnotatedDocument> sorted = new ArrayList<>(documents);
        sorted.sort(Comparator.comparing(AnnotatedDocument::documentId));
        Map<String, AnnotatedDocument> byId = new LinkedHashMap<>();
        for (AnnotatedDocument d : sorted) {
            if (byId.put(d.documentId(), d) != null) {
                throw new IllegalArgumentException(role + " documents: document id " + d.documentId()
                        + " occurs twice");
            }
        }
        return byId;
    }
}
