package org.jnrf.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A folder of imported subword vectors: {@code vocab.txt} (one piece per line, id = line), {@code embeddings.f32}
 * (little-endian float32, row-major, one row per line of {@code vocab.txt}, the format of
 * {@link PretrainedEmbeddings#floatMatrix}) and {@code SOURCE.md} (where the vectors came from, their licence).
 * Files are written to a temporary name and moved into place, so a failed import leaves no half-written table.
 */
public final class EmbeddingDirectory {
    public static final String VOCAB_TXT = "vocab.txt";
    public static final String EMBEDDINGS_F32 = "embeddings.f32";
    public static final String SOURCE_MD = "SOURCE.md";

    private EmbeddingDirectory() {
    }

    /** Writes the three files into {@code dir} (created if missing); {@code matrix} has one row per piece. */
    public static void write(Path dir, Vocabulary vocabulary, float[] matrix, String sourceMarkdown)
            throws IOException {
        if (matrix.length == 0 || matrix.length % vocabulary.size() != 0) {
            throw new IllegalArgumentException(matrix.length + " values are not " + vocabulary.size() + " rows");
        }
        Files.createDirectories(dir);
        Path vocab = temporary(dir, VOCAB_TXT);
        Path vectors = temporary(dir, EMBEDDINGS_F32);
        Path source = temporary(dir, SOURCE_MD);
        try {
            vocabulary.write(vocab);
            writeFloats(vectors, matrix);
            Files.writeString(source, sourceMarkdown, StandardCharsets.UTF_8);
            Files.move(vocab, dir.resolve(VOCAB_TXT), StandardCopyOption.REPLACE_EXISTING);
            Files.move(vectors, dir.resolve(EMBEDDINGS_F32), StandardCopyOption.REPLACE_EXISTING);
            Files.move(source, dir.resolve(SOURCE_MD), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(vocab);
            Files.deleteIfExists(vectors);
            Files.deleteIfExists(source);
        }
    }

    /** The vectors of an imported folder, to {@link PretrainedEmbeddings#alignTo align} to any vocabulary. */
    public static PretrainedEmbeddings embeddings(Path dir) {
        return PretrainedEmbeddings.floatMatrix(dir.resolve(EMBEDDINGS_F32), dir.resolve(VOCAB_TXT));
    }

    /** The vocabulary of an imported folder. */
    public static Vocabulary vocabulary(Path dir) throws IOException {
        return Vocabulary.load(dir.resolve(VOCAB_TXT));
    }

    /** Little-endian float32 values, streamed through a 1 MiB buffer. */
    static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            int offset = 0;
            while (offset < values.length) {
                int n = Math.min(buffer.capacity() / Float.BYTES, values.length - offset);
                buffer.clear();
                buffer.asFloatBuffer().put(values, offset, n);
                buffer.limit(n * Float.BYTES);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                offset += n;
            }
        }
    }

    private static Path temporary(Path dir, String name) {
        return dir.resolve("." + name + ".partial");
    }
}
