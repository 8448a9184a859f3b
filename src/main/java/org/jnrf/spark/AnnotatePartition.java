package org.jnrf.spark;

import java.util.Iterator;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.jnrf.corpus.CorpusFormatException;
import org.jnrf.document.AnnotatedDocument;

/**
 * The task of {@link JnrfTransformer}: each input row, in order, with the annotation columns appended. Rows are
 * analysed one at a time as Spark pulls them, so a partition never has to fit in memory.
 */
final class AnnotatePartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final AnnotationSettings settings;
    private final int idIndex;
    private final int textIndex;

    AnnotatePartition(AnnotationSettings settings, int idIndex, int textIndex) {
        this.settings = settings;
        this.idIndex = idIndex;
        this.textIndex = textIndex;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws Exception {
        NoteAnalyser analyser = NoteAnalyser.forThread(settings);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                return annotate(analyser, rows.next());
            }
        };
    }

    private Row annotate(NoteAnalyser analyser, Row row) {
        String id = row.isNullAt(idIndex) ? null : String.valueOf(row.get(idIndex));
        String documentId = id == null ? "(no id)" : id;
        Object[] values = new Object[row.length() + AnnotationColumns.FIELDS.size()];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        String text;
        try {
            text = NoteText.of(row, textIndex, documentId);
        } catch (CorpusFormatException e) { // names the note and the byte offset, never its content
            return withAnnotations(values, row.length(), null, e.getMessage());
        }
        if (text == null) {
            return withAnnotations(values, row.length(), null, documentId + ": no text");
        }
        NoteAnalyser.Analysis analysis = analyser.analyse(documentId, text);
        return withAnnotations(values, row.length(), analysis.document(), analysis.error());
    }

    private static Row withAnnotations(Object[] values, int at, AnnotatedDocument document, String error) {
        values[at] = document == null ? new Row[0] : AnnotationColumns.entities(document);
        values[at + 1] = document == null ? new Row[0] : AnnotationColumns.relations(document);
        values[at + 2] = error;
        return RowFactory.create(values);
    }
}
