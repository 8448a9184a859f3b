package org.jnrf.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainedEmbeddingsTest {
    private static final Vocabulary VOCABULARY = Vocabulary.of(List.of(
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "aspirin", "cafe", "rash", "##ing", "dose"));

    private static final String WORD2VEC = String.join("\n",
            "5 3",
            "aspirin 1 2 3",
            "Rash 0.5 -0.5 0.25 ",
            "rash 4 5 6",
            "Café -1 -2 -3",
            "other 0 0 0",
            "");

    @Test
    void word2VecTextRowsAlignToVocabulary(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vectors.txt");
        Files.writeString(file, WORD2VEC);
        AlignedEmbeddings e = PretrainedEmbeddings.word2VecText(file).alignTo(VOCABULARY, 42);
        assertEquals(VOCABULARY.size(), e.rows());
        assertEquals(3, e.dimension());
        assertArrayEquals(new float[] {1, 2, 3}, e.row(VOCABULARY.id("aspirin")));
        assertArrayEquals(new float[] {4, 5, 6}, e.row(VOCABULARY.id("rash")), "exact match beats \"Rash\"");
        assertArrayEquals(new float[] {-1, -2, -3}, e.row(VOCABULARY.id("cafe")), "uncased normalization of Café");
        assertEquals(3, e.hits());
        assertEquals(1, e.normalizedHits());
        assertEquals(VOCABULARY.size() - 3, e.misses());
        assertArrayEquals(new float[3], e.row(VOCABULARY.paddingId()), "missing [PAD] is zero");
        assertFalse(e.fromFile(VOCABULARY.id("dose")));
        assertTrue(e.fromFile(VOCABULARY.id("cafe")));

        float[] all = {1, 2, 3, 0.5f, -0.5f, 0.25f, 4, 5, 6, -1, -2, -3, 0, 0, 0};
        double mean = 0;
        for (float v : all) {
            mean += v / all.length;
        }
        double variance = 0;
        for (float v : all) {
            variance += (v - mean) * (v - mean) / all.length;
        }
        assertEquals(Math.sqrt(variance), e.fileStandardDeviation(), 1e-9);

        AlignedEmbeddings again = PretrainedEmbeddings.word2VecText(file).alignTo(VOCABULARY, 42);
        assertArrayEquals(e.matrix(), again.matrix(), "seeded");
        AlignedEmbeddings otherSeed = PretrainedEmbeddings.word2VecText(file).alignTo(VOCABULARY, 43);
        assertFalse(java.util.Arrays.equals(e.row(VOCABULARY.id("dose")), otherSeed.row(VOCABULARY.id("dose"))));
        assertArrayEquals(e.row(VOCABULARY.id("aspirin")), otherSeed.row(VOCABULARY.id("aspirin")));
        float[][] rows = e.rowsAsArrays();
        assertArrayEquals(e.row(7), rows[7]);
    }

    @Test
    void randomRowsFollowTheFileSpread(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder("200 50\n");
        java.util.Random random = new java.util.Random(5);
        for (int w = 0; w < 200; w++) {
            text.append("w").append(w);
            for (int k = 0; k < 50; k++) {
                text.append(' ').append(random.nextGaussian() * 0.3);
            }
            text.append('\n');
        }
        Path file = dir.resolve("vectors.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        List<String> pieces = new java.util.ArrayList<>(List.of("[PAD]", "[UNK]", "w0"));
        for (int i = 0; i < 400; i++) {
            pieces.add("missing" + i);
        }
        AlignedEmbeddings e = PretrainedEmbeddings.word2VecText(file).alignTo(Vocabulary.of(pieces), 1);
        assertEquals(1, e.hits());
        assertEquals(0.3, e.fileStandardDeviation(), 0.02);
        double sumSquares = 0;
        for (int id = 3; id < pieces.size(); id++) {
            for (float v : e.row(id)) {
                sumSquares += v * v;
            }
        }
        assertEquals(e.fileStandardDeviation(), Math.sqrt(sumSquares / (400 * 50)), 0.01);
    }

    @Test
    void floatMatrixWithItsVocabulary(@TempDir Path dir) throws IOException {
        Path vocab = dir.resolve("vocab.txt");
        Files.writeString(vocab, "[PAD]\ndose\n##ing\nunused\n");
        Path vectors = dir.resolve("vectors.f32");
        ByteBuffer bytes = ByteBuffer.allocate(4 * 2 * 4).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = {0.5f, 0.25f, 1, 2, 3, 4, 9, 9};
        for (float v : values) {
            bytes.putFloat(v);
        }
        Files.write(vectors, bytes.array());
        AlignedEmbeddings e = PretrainedEmbeddings.floatMatrix(vectors, vocab).alignTo(VOCABULARY, 7);
        assertEquals(2, e.dimension());
        assertArrayEquals(new float[] {0.5f, 0.25f}, e.row(VOCABULARY.paddingId()));
        assertArrayEquals(new float[] {1, 2}, e.row(VOCABULARY.id("dose")));
        assertArrayEquals(new float[] {3, 4}, e.row(VOCABULARY.id("##ing")));
        assertEquals(3, e.hits());
        assertEquals(VOCABULARY.size() - 3, e.misses());
    }

    @Test
    void malformedWord2VecFilesNameFileAndLine(@TempDir Path dir) throws IOException {
        assertError(dir, "bad-header.txt", "5\naspirin 1 2 3\n", ":1:", "header");
        assertError(dir, "short-row.txt", "2 3\naspirin 1 2 3\nrash 1 2\n", ":3:", "2 values");
        assertError(dir, "long-row.txt", "1 3\naspirin 1 2 3 4\n", ":2:", "more than");
        assertError(dir, "not-number.txt", "1 3\naspirin 1 x 3\n", ":2:", "value 2");
        assertError(dir, "nan.txt", "1 3\naspirin 1 NaN 3\n", ":2:", "value 2");
        assertError(dir, "too-few.txt", "3 3\naspirin 1 2 3\n", "too-few.txt", "declares 3");
        assertError(dir, "too-many.txt", "1 3\naspirin 1 2 3\nrash 1 2 3\n", ":3:", "more vectors");
        assertError(dir, "empty.txt", "", ":1:", "empty");
    }

    @Test
    void malformedMatrixFilesNameTheFile(@TempDir Path dir) throws IOException {
        Path vocab = dir.resolve("vocab.txt");
        Files.writeString(vocab, "a\nb\nc\n");
        Path vectors = dir.resolve("odd.f32");
        Files.write(vectors, new byte[4 * 3 + 2]);
        IOException e = assertThrows(IOException.class,
                () -> PretrainedEmbeddings.floatMatrix(vectors, vocab).alignTo(VOCABULARY, 1));
        assertTrue(e.getMessage().contains("odd.f32") && e.getMessage().contains("3 rows"), e.getMessage());
        Path infinite = dir.resolve("inf.f32");
        ByteBuffer bytes = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putFloat(1).putFloat(Float.POSITIVE_INFINITY).putFloat(2);
        Files.write(infinite, bytes.array());
        e = assertThrows(IOException.class,
                () -> PretrainedEmbeddings.floatMatrix(infinite, vocab).alignTo(VOCABULARY, 1));
        assertTrue(e.getMessage().contains("inf.f32") && e.getMessage().contains("row 1"), e.getMessage());
    }

    private static void assertError(Path dir, String name, String content, String where, String what)
            throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        IOException e = assertThrows(IOException.class,
                () -> PretrainedEmbeddings.word2VecText(file).alignTo(VOCABULARY, 1));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(where) && e.getMessage().contains(what),
                e.getMessage());
    }
}
