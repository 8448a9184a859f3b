package org.jnrf.spark;

import java.io.IOException;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads notes into rows of {@code id} (a string) and {@code text}: from folders of {@code .txt} files (searched
 * recursively; the text is the file's bytes, decoded by the transformer so that a file that is not UTF-8 becomes an
 * error row; the id is the path under the folder without {@code .txt}, as {@code annotate} names its outputs, or the
 * base name of a file named directly), or from Parquet or JSON Lines with {@code id} and {@code text} columns.
 */
final class NoteInputs {
    static final String ID = "id";
    static final String TEXT = "text";
    private static final String TXT = ".txt";
    private static final StructType FILE_NOTE = new StructType()
            .add(ID, DataTypes.StringType, false)
            .add(TEXT, DataTypes.BinaryType, true);

    /** The input formats. */
    enum Format {
        txt, parquet, jsonl
    }

    private NoteInputs() {
    }

    /**
     * The notes of all {@code locations} (Hadoop paths or URIs).
     *
     * @throws IOException when a location does not exist (the message names it)
     */
    static Dataset<Row> read(SparkSession spark, Format format, List<String> locations) throws IOException {
        Dataset<Row> all = null;
        for (String location : locations) {
            Path path = new Path(location);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                throw new IOException("no such file or folder: " + location);
            }
            Dataset<Row> notes = switch (format) {
                case txt -> textFiles(spark, fs.makeQualified(path), fs.getFileStatus(path).isDirectory());
                case parquet -> idAndText(spark.read().parquet(location), location);
                case jsonl -> idAndText(spark.read().json(location), location);
            };
            all = all == null ? notes : all.unionByName(notes);
        }
        return all;
    }

    private static Dataset<Row> textFiles(SparkSession spark, Path path, boolean folder) {
        Dataset<Row> files = spark.read().format("binaryFile")
                .option("recursiveFileLookup", folder)
                .option("pathGlobFilter", folder ? "*" + TXT : "*")
                .load(path.toString())
                .select("path", "content");
        String root = path.toString();
        return files.map((MapFunction<Row, Row>) file -> RowFactory.create(
                id(root, folder, file.getString(0)), file.get(1)), Encoders.row(FILE_NOTE));
    }

    /** The id of the file at {@code file}: its path under {@code root} (or its name) without {@code .txt}. */
    static String id(String root, boolean folder, String file) {
        String name = folder && file.startsWith(root + "/") ? file.substring(root.length() + 1)
                : new Path(file).getName();
        return name.endsWith(TXT) ? name.substring(0, name.length() - TXT.length()) : name;
    }

    private static Dataset<Row> idAndText(Dataset<Row> table, String location) {
        List<String> columns = List.of(table.columns());
        if (!columns.contains(ID) || !columns.contains(TEXT)) {
            throw new IllegalArgumentException(location + ": needs the columns " + ID + " and " + TEXT
                    + ", has " + columns);
        }
        return table.select(functions.col(ID).cast(DataTypes.StringType).as(ID), functions.col(TEXT));
    }
}
