package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.jnrf.embeddings.EncoderImport;
import org.jnrf.embeddings.ModelSource;
import org.jnrf.model.EncoderDirectory;
import org.jnrf.network.transformer.BertShape;
import org.jnrf.testing.MiniLm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code jnrf import-encoder} on the real all-MiniLM-L6-v2 jar: every tensor of the encoder is found through the
 * graph with its shape, the folder reads back to the same weights, and broken inputs end with one line naming the
 * file and the problem.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportEncoderCommandTest extends CliTestSupport {
    private static final BertShape MINILM = new BertShape(30522, 512, 2, 384, 6, 12, 1536, 1e-12);

    @TempDir
    Path dir;
    private Path jar;
    private EncoderImport.Imported imported;

    @BeforeAll
    void importOnce() throws IOException {
        jar = MiniLm.jar();
        try (ModelSource source = ModelSource.jar(jar)) {
            imported = EncoderImport.read(source, 0);
        }
    }

    @Test
    void findsEveryTensorOfMiniLmThroughTheGraph() {
        BertShape shape = imported.shape();
        assertEquals(MINILM.withLayers(6), new BertShape(shape.vocabularySize(), shape.maxPositions(),
                shape.typeVocabularySize(), shape.width(), shape.layers(), shape.heads(), shape.intermediate(),
                1e-12));
        assertEquals(1e-12, shape.layerNormEps(), 1e-18); // the graph's float32 constant
        assertEquals(MINILM.tensorNames(), List.copyOf(imported.weights().keySet()));
        MINILM.tensorShapes().forEach((name, dims) -> assertArrayEquals(new long[] {dims[0], dims[1]},
                imported.weights().get(name).shape(), name));
        // all-MiniLM-L6-v2's 22.7 M parameters less its pooler (384 x 384 + 384), which the last hidden states skip
        assertEquals(22_565_376L, imported.weights().values().stream().mapToLong(t -> t.data().length).sum());
    }

    /**
     * The MatMul weights are unnamed in the file; the graph walk's roles agree with the names the exporter left on
     * the biases, which it never used: each role's bias is the one its exporter named so.
     */
    @Test
    void rolesFoundThroughTheGraphAgreeWithTheExportersBiasNames() throws IOException {
        Map<String, org.jnrf.model.Tensor> w = imported.weights();
        float[] queryBias = w.get(BertShape.layerPart(3, "query") + ".bias").data();
        float[] keyBias = w.get(BertShape.layerPart(3, "key") + ".bias").data();
        assertFalse(java.util.Arrays.equals(queryBias, keyBias));
        try (InputStream in = new ZipFile(jar.toFile()).getInputStream(new ZipEntry(MiniLm.ONNX))) {
            var named = org.jnrf.text.OnnxTensorReader.readFloats(in, MiniLm.ONNX, java.util.Set.of(
                    "encoder.layer.3.attention.self.query.bias", "encoder.layer.3.attention.self.key.bias",
                    "encoder.layer.5.output.LayerNorm.weight"));
            assertArrayEquals(named.get("encoder.layer.3.attention.self.query.bias").values(), queryBias);
            assertArrayEquals(named.get("encoder.layer.3.attention.self.key.bias").values(), keyBias);
            assertArrayEquals(named.get("encoder.layer.5.output.LayerNorm.weight").values(),
                    w.get(BertShape.layerPart(5, "outputNorm") + ".gain").data());
        }
    }

    @Test
    void writesAFolderThatReadsBackToTheSameWeights() throws IOException {
        Path out = dir.resolve("minilm2");
        assertEquals(0, run("import-encoder", "--from-maven-jar", jar.toString(), "--out", out.toString(),
                "--layers", "2"), err.toString());
        assertTrue(err.toString().contains("all-MiniLM-L6-v2, 2 layers, width 384, 12 heads, 30522 pieces"),
                err.toString());
        try (var files = Files.list(out)) {
            assertEquals(List.of("LICENCE.md", "encoder.json", "tokenizer.json", "weights.bin"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no partial files left");
        }
        EncoderDirectory.Encoder encoder = EncoderDirectory.read(out);
        assertEquals(MINILM.withLayers(2).tensorNames(), List.copyOf(encoder.weights().keySet()));
        assertEquals(2, encoder.shape().layers());
        assertEquals("all-MiniLM-L6-v2", encoder.name());
        for (Map.Entry<String, INDArray> e : encoder.weights().entrySet()) {
            org.jnrf.model.Tensor original = imported.weights().get(e.getKey());
            assertArrayEquals(original.shape(), e.getValue().shape(), e.getKey());
            assertArrayEquals(original.data(), e.getValue().dup('c').data().asFloat(), e.getKey());
        }
        assertEquals(30522, encoder.tokenizer().vocabulary().size());
        assertTrue(encoder.tokenizer().basicTokenizer().lowerCase());
        String licence = Files.readString(out.resolve(EncoderDirectory.LICENCE_MD));
        assertTrue(licence.contains("https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2, licensed "
                + "Apache-2.0"), licence);
    }

    @Test
    void brokenInputsEndWithOneLineNamingTheFileAndTheProblem() throws IOException {
        byte[] onnx;
        byte[] tokenizer;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            onnx = zip.getInputStream(zip.getEntry(MiniLm.ONNX)).readAllBytes();
            tokenizer = zip.getInputStream(zip.getEntry(MiniLm.TOKENIZER)).readAllBytes();
        }
        Path truncated = jar("truncated", java.util.Arrays.copyOf(onnx, 40_000), tokenizer);
        fails("import-encoder", "--from-maven-jar", truncated.toString(), "--out", dir.resolve("a").toString());
        assertTrue(err.toString().contains("truncated.jar!/model.onnx: ends at byte"), err.toString());

        // an ONNX file with weights but no encoder graph (the word table alone)
        Path tableOnly = jar("table", new org.jnrf.text.ProtobufWriter().message(7, new org.jnrf.text.ProtobufWriter()
                .message(5, new org.jnrf.text.ProtobufWriter().packedVarints(1, 2, 2).varint(2, 1).string(8, "t")
                        .bytes(9, org.jnrf.text.ProtobufWriter.floats(1, 2, 3, 4)))).toByteArray(), tokenizer);
        fails("import-encoder", "--from-maven-jar", tableOnly.toString(), "--out", dir.resolve("a").toString());
        assertTrue(err.toString().contains("table.jar!/model.onnx: not a BERT-family encoder we can import: no Gather"
                + " of a FLOAT matrix initializer by the graph input 'input_ids'"), err.toString());

        Path wrongTokenizer = jar("tok", onnx, """
                {"normalizer":{"type":"BertNormalizer","lowercase":true},"pre_tokenizer":{"type":"BertPreTokenizer"},
                 "model":{"type":"WordPiece","unk_token":"[UNK]","vocab":{"[PAD]":0,"[UNK]":1}}}"""
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        fails("import-encoder", "--from-maven-jar", wrongTokenizer.toString(), "--out", dir.resolve("a").toString());
        assertTrue(err.toString().contains("2 pieces, but the word table of " + wrongTokenizer
                + "!/model.onnx has 30522 rows (wrong tokenizer?)"), err.toString());

        Path notAJar = Files.writeString(dir.resolve("notes.jar"), "not a zip");
        fails("import-encoder", "--from-maven-jar", notAJar.toString(), "--out", dir.resolve("a").toString());
        assertTrue(err.toString().contains("not a jar/zip file"), err.toString());
        fails("import-encoder", "--from-maven-jar", jar.toString(), "--out", dir.resolve("a").toString(),
                "--layers", "7");
        assertTrue(err.toString().contains("has 6 layers, cannot keep 7"), err.toString());
        assertFalse(Files.exists(dir.resolve("a/encoder.json")));
        assertEquals(2, run("import-encoder", "--from-maven-jar", jar.toString()));
    }

    private void fails(String... args) {
        err.getBuffer().setLength(0);
        assertEquals(1, run(args), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    private Path jar(String name, byte[] onnx, byte[] tokenizer) throws IOException {
        Path jarFile = dir.resolve(name + ".jar");
        try (OutputStream file = Files.newOutputStream(jarFile); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.setLevel(0); // stored quickly: the real model is 90 MB
            zip.putNextEntry(new ZipEntry("model.onnx"));
            zip.write(onnx);
            zip.putNextEntry(new ZipEntry("tokenizer.json"));
            zip.write(tokenizer);
        }
        return jarFile;
    }
}
