package org.jnrf.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;
import org.jnrf.corpus.BratAnnFormatter;
import org.jnrf.corpus.CorpusFormatException;
import org.jnrf.corpus.FailureReasons;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;

/**
 * Writes the {@code .ann} file, and the text beside it as {@code .txt} (so the folder opens in brat and feeds the
 * n2c2 scorer), of each annotated row whose text could be decoded (as {@code annotate} writes a note
 * whose analysis failed, without annotations, and none for a note it could not read), at {@code <root>/<id>.ann}.
 * Each file is written under a temporary name and renamed, so a task that is retried rewrites the same complete
 * files and a reader never sees half of one. Returns what the driver needs afterwards: the types found (for
 * brat's configuration files) and the notes whose file could not be written.
 */
final class BratPartitionWriter implements MapPartitionsFunction<Row, String> {
    private static final long serialVersionUID = 1L;
    static final String ENTITY_TYPE = "E";
    static final String RELATION_TYPE = "R";
    static final String FAILURE = "F";

    private final String root;
    private final SerializableConfiguration hadoop;

    BratPartitionWriter(String root, Configuration hadoop) {
        this.root = root;
        this.hadoop = new SerializableConfiguration(hadoop);
    }

    /** Rows: id, text (string or bytes), entities, relations. */
    @Override
    public Iterator<String> call(Iterator<Row> rows) throws IOException {
        FileSystem fs = HadoopFiles.withoutChecksums(new Path(root).getFileSystem(hadoop.value()));
        Set<String> facts = new LinkedHashSet<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            String id = row.isNullAt(0) ? null : row.getString(0);
            String text;
            try {
                text = NoteText.of(row, 1, id);
            } catch (CorpusFormatException e) {
                continue; // an error row already: nothing of it can be written
            }
            if (text == null) {
                continue;
            }
            try {
                Path file = HadoopFiles.under(new Path(root), id, ".ann");
                AnnotatedDocument document = AnnotationColumns.document(id, text, row.getList(2), row.getList(3));
                write(fs, file, BratAnnFormatter.format(document));
                write(fs, HadoopFiles.under(new Path(root), id, ".txt"), text);
                collectTypes(document, facts);
            } catch (IOException | RuntimeException e) {
                facts.add(String.join("\t", FAILURE, String.valueOf(id), "cannot write the BRAT files ("
                        + FailureReasons.of(e) + ")"));
            }
        }
        return new ArrayList<>(facts).iterator();
    }

    private static void write(FileSystem fs, Path file, String content) throws IOException {
        TaskContext task = TaskContext.get();
        Path temporary = new Path(file.getParent(), "." + file.getName() + "."
                + (task == null ? 0 : task.taskAttemptId()) + ".tmp");
        HadoopFiles.write(fs, temporary, content);
        fs.delete(file, false);
        if (!fs.rename(temporary, file)) {
            fs.delete(temporary, false);
            throw new IOException("cannot rename a temporary file to " + file.getName());
        }
    }

    private static void collectTypes(AnnotatedDocument document, Set<String> facts) {
        var byId = document.entitiesById();
        for (EntityMention entity : document.entities()) {
            facts.add(ENTITY_TYPE + "\t" + entity.type());
        }
        document.relations().forEach(r -> {
            EntityMention modifier = byId.get(r.modifierId());
            EntityMention anchor = byId.get(r.anchorId());
            if (modifier != null && anchor != null) {
                facts.add(String.join("\t", RELATION_TYPE, r.type(), modifier.type(), anchor.type()));
            }
        });
    }

    /** The facts of {@code lines} of one kind, split into their fields. */
    static List<String[]> facts(List<String> lines, String kind) {
        return lines.stream().map(line -> line.split("\t", -1)).filter(f -> f[0].equals(kind)).toList();
    }
}
