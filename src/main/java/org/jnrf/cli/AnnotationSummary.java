package org.jnrf.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.uima.cas.CAS;
import org.apache.uima.cas.CASException;
import org.apache.uima.jcas.JCas;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityRelation;

/**
 * What an annotate run found, collected from each processed CAS: per note the entities and relations (for a
 * readable listing of a few notes), and totals by type. Thread-safe.
 */
final class AnnotationSummary {
    private record NoteSummary(String documentId, List<String> entities, List<String> relations, int errors) {
    }

    private final List<NoteSummary> notes = new ArrayList<>();
    private final Map<String, Integer> entityTotals = new TreeMap<>();
    private final Map<String, Integer> relationTotals = new TreeMap<>();
    private final List<String> pipelineFailures = new ArrayList<>();

    synchronized void add(CAS cas, Throwable failure) {
        JCas jcas;
        try {
            jcas = cas.getJCas();
        } catch (CASException e) {
            pipelineFailures.add("a note could not be summarised: " + e.getMessage());
            return;
        }
        String id = SourceDocuments.describe(jcas);
        if (failure != null) {
            // the type only: exception messages can quote note text
            pipelineFailures.add(id + ": processing failed (" + failure.getClass().getSimpleName() + ")");
        }
        List<String> entities = new ArrayList<>();
        for (Entity e : jcas.select(Entity.class)) {
            entityTotals.merge(e.getCategory(), 1, Integer::sum);
            entities.add(String.format("%-10s \"%s\" (%.2f)", e.getCategory(), oneLine(e.getCoveredText()),
                    e.getConfidence()));
        }
        List<String> relations = new ArrayList<>();
        for (EntityRelation r : jcas.select(EntityRelation.class)) {
            relationTotals.merge(r.getCategory(), 1, Integer::sum);
            relations.add(String.format("%-14s \"%s\" -> \"%s\" (%.2f)", r.getCategory(),
                    oneLine(r.getArg1().getCoveredText()), oneLine(r.getArg2().getCoveredText()),
                    r.getConfidence()));
        }
        notes.add(new NoteSummary(id, entities, relations, DocumentErrors.list(jcas).size()));
    }

    synchronized int noteCount() {
        return notes.size();
    }

    synchronized List<String> pipelineFailures() {
        return List.copyOf(pipelineFailures);
    }

    /** Prints each note's findings when {@code perNote}, then totals by entity and relation type. */
    synchronized void print(PrintWriter out, boolean perNote) {
        List<NoteSummary> sorted = new ArrayList<>(notes);
        sorted.sort(Comparator.comparing(NoteSummary::documentId));
        if (perNote) {
            for (NoteSummary note : sorted) {
                out.printf("%s: %d entities, %d relations%s%n", note.documentId(), note.entities().size(),
                        note.relations().size(), note.errors() > 0 ? " (see errors.tsv)" : "");
                note.entities().forEach(e -> out.println("    " + e));
                note.relations().forEach(r -> out.println("    " + r));
            }
        }
        int entities = entityTotals.values().stream().mapToInt(Integer::intValue).sum();
        int relations = relationTotals.values().stream().mapToInt(Integer::intValue).sum();
        out.printf("%d notes: %d entities %s, %d relations %s%n", notes.size(), entities, entityTotals,
                relations, relationTotals);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
