package org.jnrf.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jnrf.uima.JnrfAnnotator;
import org.jnrf.uima.ModelLocation;

/**
 * A Spark ML {@code Transformer} that annotates notes: reads the text column (a string, or the bytes of a UTF-8
 * file, decoded strictly) and the id column, and adds {@link AnnotationColumns#ENTITIES},
 * {@link AnnotationColumns#RELATIONS} and {@link AnnotationColumns#ERROR}. Every input row gives exactly one output
 * row with its columns unchanged: a note that cannot be decoded or analysed gets {@code error} set (and no
 * annotations), it never fails the task. The results equal those of {@code ./jnrf annotate} with the same model.
 *
 * <p>The model is loaded lazily, once per executor JVM and location, and shared by the executor's tasks: from
 * {@link #distributedModel()} (a file shipped with the job) when set, otherwise from {@link #modelLocation()}
 * resolved on the executor (the shipped model by default). Nothing is fetched by us; {@link ModelLocation} refuses
 * remote locations.
 */
public class JnrfTransformer extends Transformer {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> textCol;
    private final Param<String> idCol;
    private final Param<String> modelLocation;
    private final Param<String> distributedModel;
    private final IntParam computeThreads;
    private final IntParam maxWordPieces;

    public JnrfTransformer() {
        this(Identifiable$.MODULE$.randomUID("jnrf"));
    }

    public JnrfTransformer(String uid) {
        this.uid = uid;
        textCol = new Param<>(this, "textCol", "column of the note text: a string, or the bytes of a UTF-8 file");
        idCol = new Param<>(this, "idCol", "column of the note id, which names the note in errors");
        modelLocation = new Param<>(this, "modelLocation", "model zip as found on the executors: a path there or "
                + "classpath:...; default: the shipped model");
        distributedModel = new Param<>(this, "distributedModel", "file name of a model zip shipped with the job "
                + "(SparkContext.addFile, spark-submit --files); wins over modelLocation");
        computeThreads = new IntParam(this, "computeThreads", "threads inside each matrix product, per task "
                + "(a setting of the executor JVM)", ParamValidators.gtEq(1));
        maxWordPieces = new IntParam(this, "maxWordPieces", "a longer note (in word pieces) is not analysed but "
                + "gets an error", ParamValidators.gtEq(1));
        setDefault(textCol, "text");
        setDefault(idCol, "id");
        setDefault(modelLocation, ModelLocation.DEFAULT);
        setDefault(computeThreads, 1);
        setDefault(maxWordPieces, JnrfAnnotator.DEFAULT_MAX_WORD_PIECES);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> textCol() {
        return textCol;
    }

    public Param<String> idCol() {
        return idCol;
    }

    public Param<String> modelLocation() {
        return modelLocation;
    }

    public Param<String> distributedModel() {
        return distributedModel;
    }

    public IntParam computeThreads() {
        return computeThreads;
    }

    public IntParam maxWordPieces() {
        return maxWordPieces;
    }

    public JnrfTransformer setTextCol(String column) {
        set(textCol, column);
        return this;
    }

    public JnrfTransformer setIdCol(String column) {
        set(idCol, column);
        return this;
    }

    /** A model location resolved on each executor (see {@link ModelLocation}); refused here when it is remote. */
    public JnrfTransformer setModelLocation(String location) {
        set(modelLocation, new ModelLocation(location).location());
        return this;
    }

    /** The file name of a model shipped with the job ({@code SparkContext.addFile} or {@code --files}). */
    public JnrfTransformer setDistributedModel(String fileName) {
        set(distributedModel, fileName);
        return this;
    }

    public JnrfTransformer setComputeThreads(int threads) {
        set(computeThreads, threads);
        return this;
    }

    public JnrfTransformer setMaxWordPieces(int wordPieces) {
        set(maxWordPieces, wordPieces);
        return this;
    }

    /** What the executors are told. */
    AnnotationSettings settings() {
        return new AnnotationSettings(getOrDefault(modelLocation),
                isDefined(distributedModel) ? getOrDefault(distributedModel) : null,
                (Integer) getOrDefault(computeThreads), (Integer) getOrDefault(maxWordPieces));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        DataType text = field(schema, getOrDefault(textCol)).dataType();
        if (!(text instanceof StringType) && !(text instanceof BinaryType)) {
            throw new IllegalArgumentException("text column " + getOrDefault(textCol) + " is " + text.simpleString()
                    + ", not a string or binary");
        }
        field(schema, getOrDefault(idCol));
        List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
        for (StructField added : AnnotationColumns.FIELDS) {
            if (Arrays.asList(schema.fieldNames()).contains(added.name())) {
                throw new IllegalArgumentException("the input already has a column " + added.name());
            }
            fields.add(added);
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    private static StructField field(StructType schema, String name) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("no column " + name + " in " + schema.simpleString());
        }
        return schema.apply(name);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType input = dataset.schema();
        StructType output = transformSchema(input);
        AnnotatePartition annotate = new AnnotatePartition(settings(), input.fieldIndex(getOrDefault(idCol)),
                input.fieldIndex(getOrDefault(textCol)));
        return dataset.toDF().mapPartitions(annotate, Encoders.row(output));
    }

    @Override
    public JnrfTransformer copy(ParamMap extra) {
        return (JnrfTransformer) defaultCopy(extra);
    }
}
