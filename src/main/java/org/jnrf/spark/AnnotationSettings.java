package org.jnrf.spark;

import java.io.File;
import java.io.Serializable;

import org.apache.spark.SparkFiles;
import org.jnrf.uima.ModelLocation;

/**
 * What an executor needs to analyse notes, shipped with each task: where the model is and how to run it.
 *
 * @param modelLocation    a {@link ModelLocation} as resolved on the executor (a path present there, or
 *                         {@code classpath:...}); used when {@code distributedModel} is null
 * @param distributedModel the file name of a model distributed with the job ({@code SparkContext.addFile},
 *                         {@code spark-submit --files}), found on the executor through {@link SparkFiles}; or null
 * @param computeThreads   threads inside each matrix product, per task (the setting is per executor JVM)
 * @param maxWordPieces    longest note analysed, in word pieces; longer ones get an error
 */
public record AnnotationSettings(String modelLocation, String distributedModel, int computeThreads,
                                 int maxWordPieces) implements Serializable {
    public AnnotationSettings {
        if (computeThreads < 1) {
            throw new IllegalArgumentException("compute threads must be at least 1, got " + computeThreads);
        }
        if (maxWordPieces < 1) {
            throw new IllegalArgumentException("max word pieces must be at least 1, got " + maxWordPieces);
        }
        modelLocation = new ModelLocation(modelLocation).location(); // refuses remote forms on the driver already
    }

    /** The model's location on this executor. */
    ModelLocation resolveModel() {
        if (distributedModel == null) {
            return new ModelLocation(modelLocation);
        }
        return ModelLocation.of(new File(SparkFiles.get(distributedModel)).toPath());
    }
}
