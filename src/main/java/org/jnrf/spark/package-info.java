/**
 * Apache Spark: {@link org.jnrf.spark.JnrfTransformer}, a Spark ML {@code Transformer} adding the model's entities,
 * relations and an error column to a DataFrame of notes (the model loaded once per executor JVM, the notes analysed
 * through {@code uima.JnrfAnnotator} exactly as {@code ./jnrf annotate} does), and
 * {@link org.jnrf.spark.SparkAnnotateJob}, the {@code spark-submit} job (and {@code ./jnrf spark-annotate}) reading
 * folders of notes, Parquet or JSON Lines and writing Parquet, JSON Lines and BRAT. Spark is a provided dependency:
 * these classes run only where Spark is on the class path (docs/spark.md).
 */
package org.jnrf.spark;
