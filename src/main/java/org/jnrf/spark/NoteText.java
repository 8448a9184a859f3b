package org.jnrf.spark;

import org.apache.spark.sql.Row;
import org.jnrf.corpus.CorpusFormatException;
import org.jnrf.corpus.StrictUtf8;

/** A note's text from a row: a string column as it is, a binary one (a file's bytes) decoded as strict UTF-8. */
final class NoteText {
    private NoteText() {
    }

    /**
     * The text, or null when the column is null.
     *
     * @throws CorpusFormatException when the bytes are not UTF-8 (the message names {@code documentId} and the byte
     *                               offset)
     */
    static String of(Row row, int index, String documentId) throws CorpusFormatException {
        if (row.isNullAt(index)) {
            return null;
        }
        Object value = row.get(index);
        return value instanceof byte[] bytes ? StrictUtf8.decode(bytes, documentId) : value.toString();
    }
}
