package org.jnrf.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;

/**
 * The columns {@link JnrfTransformer} adds, and the conversion between them and an {@link AnnotatedDocument}.
 * Offsets ({@code begin}, {@code end}, fragments) count UTF-16 units of the text, as Java and Spark strings (and
 * {@code annotate --format jsonl}) do; BRAT files written from these rows count code points, as BRAT does.
 */
public final class AnnotationColumns {
    /** Array of entity structs: id, category, begin, end, fragments, text, confidence. */
    public static final String ENTITIES = "entities";
    /** Array of relation structs: id, category, modifier (an entity id), anchor (an entity id), confidence. */
    public static final String RELATIONS = "relations";
    /** Why the note was not analysed (or not completely); null when it was. Never quotes the note. */
    public static final String ERROR = "error";

    static final StructType FRAGMENT = new StructType()
            .add("begin", DataTypes.IntegerType, false)
            .add("end", DataTypes.IntegerType, false);
    static final StructType ENTITY = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("category", DataTypes.StringType, false)
            .add("begin", DataTypes.IntegerType, false)
            .add("end", DataTypes.IntegerType, false)
            .add("fragments", DataTypes.createArrayType(FRAGMENT, false), false)
            .add("text", DataTypes.StringType, false)
            .add("confidence", DataTypes.DoubleType, false);
    static final StructType RELATION = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("category", DataTypes.StringType, false)
            .add("modifier", DataTypes.StringType, false)
            .add("anchor", DataTypes.StringType, false)
            .add("confidence", DataTypes.DoubleType, false);

    /** The three added columns, in order. */
    static final List<StructField> FIELDS = List.of(
            DataTypes.createStructField(ENTITIES, DataTypes.createArrayType(ENTITY, false), true),
            DataTypes.createStructField(RELATIONS, DataTypes.createArrayType(RELATION, false), true),
            DataTypes.createStructField(ERROR, DataTypes.StringType, true));

    private AnnotationColumns() {
    }

    /** The entity structs of {@code document}, in its order (an array: what a row holds for an array column). */
    static Row[] entities(AnnotatedDocument document) {
        Row[] rows = new Row[document.entities().size()];
        for (int i = 0; i < rows.length; i++) {
            EntityMention e = document.entities().get(i);
            Row[] fragments = e.fragments().stream().map(f -> RowFactory.create(f.begin(), f.end()))
                    .toArray(Row[]::new);
            rows[i] = RowFactory.create(e.id(), e.type(), e.begin(), e.end(), fragments,
                    e.coveredText(document.text()), e.confidence());
        }
        return rows;
    }

    /** The relation structs of {@code document}, in its order. */
    static Row[] relations(AnnotatedDocument document) {
        return document.relations().stream()
                .map(r -> RowFactory.create(r.id(), r.type(), r.modifierId(), r.anchorId(), r.confidence()))
                .toArray(Row[]::new);
    }

    /** The document that {@code entities} and {@code relations} (struct lists as read from a row) describe. */
    static AnnotatedDocument document(String documentId, String text, List<Row> entities, List<Row> relations) {
        List<EntityMention> mentions = new ArrayList<>();
        for (Row e : entities == null ? List.<Row>of() : entities) {
            List<TextSpan> fragments = new ArrayList<>();
            for (Row f : e.<Row>getList(e.fieldIndex("fragments"))) {
                fragments.add(new TextSpan(f.getInt(0), f.getInt(1)));
            }
            mentions.add(new EntityMention(e.getString(0), e.getString(1), fragments,
                    e.getDouble(e.fieldIndex("confidence"))));
        }
        List<RelationMention> links = new ArrayList<>();
        for (Row r : relations == null ? List.<Row>of() : relations) {
            links.add(new RelationMention(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                    r.getDouble(4)));
        }
        return new AnnotatedDocument(documentId, text, mentions, links);
    }
}
