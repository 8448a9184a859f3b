package org.jnrf.model;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.LabelSpace;
import org.jnrf.network.NetworkConfig;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.fourier.FourierMixers;
import org.jnrf.text.BasicTokenizer;
import org.jnrf.text.Vocabulary;
import org.jnrf.text.VocabularyBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JnrfModelTest {
    static final List<String> TEXTS = List.of(
            "Patient developed severe rash after amoxicillin 500 mg twice daily.",
            "Ibuprofen was stopped because of gastric bleeding; switched to paracetamol.",
            "Hepatotoxicity associated with oral ketoconazole for 3 weeks.",
            "");

    private static JnrfModel model;

    @BeforeAll
    static void build() {
        ComputeThreads.set(1);
        model = randomModel(11);
    }

    static JnrfModel randomModel(long seed) {
        VocabularyBuilder builder = new VocabularyBuilder(BasicTokenizer.uncased(), 200, 1);
        TEXTS.forEach(builder::add);
        Vocabulary vocabulary = builder.build();
        LabelSpace labels = new LabelSpace(List.of("ADE", "Dosage", "Drug"), "Drug", List.of("ADE-Drug",
                "Dosage-Drug"), new boolean[][]{{true, false, false}, {false, true, false}});
        NetworkConfig nc = new NetworkConfig(vocabulary.size(), 12, 16, 2, 2, true, 4, 16, DataType.FLOAT, seed);
        JnrfNetwork net = new JnrfNetwork(nc, labels, FourierMixers.create("auto", 1));
        return JnrfModel.fromNetwork(ModelConfig.of(nc, labels, true, false, 100), vocabulary, net);
    }

    private static final PredictionOptions ALL = new PredictionOptions(0, 0);

    @Test
    void predictsEntitiesWithExactCharacterSpansAndRelations() {
        String text = TEXTS.get(0);
        AnnotatedDocument doc = model.predict("d1", text, ALL);
        assertEquals("d1", doc.documentId());
        assertFalse(doc.entities().isEmpty(), "an untrained network tags something");
        int n = 1;
        int previous = -1;
        for (EntityMention e : doc.entities()) {
            assertEquals("T" + n++, e.id());
            assertTrue(e.begin() >= previous);
            previous = e.begin();
            // exact character spans: from a token's begin to a token's end
            List<org.jnrf.text.Token> tokens = model.tokenizer().tokenize(text);
            assertTrue(tokens.stream().anyMatch(t -> t.begin() == e.begin()), "begin " + e.begin());
            assertTrue(tokens.stream().anyMatch(t -> t.end() == e.end()), "end " + e.end());
            assertTrue(e.confidence() > 0 && e.confidence() <= 1);
            assertTrue(model.entityTypes().contains(e.type()));
        }
        Map<String, EntityMention> byId = doc.entitiesById();
        doc.relations().forEach(r -> {
            assertTrue(r.id().startsWith("R"));
            assertEquals("Drug", byId.get(r.anchorId()).type());
            String modifierType = byId.get(r.modifierId()).type();
            assertEquals(modifierType + "-Drug", r.type());
        });
        assertTrue(model.predict("empty", "", ALL).entities().isEmpty());
        assertTrue(model.predict("blank", "   \n ", ALL).entities().isEmpty());
    }

    @Test
    void relationsBetweenGivenEntities() {
        String text = TEXTS.get(0);
        AnnotatedDocument given = new AnnotatedDocument("d", text, List.of(
                new EntityMention("T1", "ADE", new org.jnrf.document.TextSpan(17, 28)),
                new EntityMention("T2", "Drug", new org.jnrf.document.TextSpan(35, 46)),
                new EntityMention("T3", "Dosage", new org.jnrf.document.TextSpan(47, 53)),
                new EntityMention("T4", "Route", new org.jnrf.document.TextSpan(0, 7))), List.of());
        AnnotatedDocument all = model.predictRelations(given, ALL);
        assertEquals(given.entities(), all.entities());
        // every modifier x anchor pair of known types gets a decision at threshold 0: ADE and Dosage x one Drug
        assertEquals(2, all.relations().size());
        assertEquals(java.util.Set.of("T1", "T3"), all.relations().stream().map(r -> r.modifierId())
                .collect(java.util.stream.Collectors.toSet()));
        assertTrue(all.relations().stream().allMatch(r -> r.anchorId().equals("T2")));
        assertTrue(model.predictRelations(given, new PredictionOptions(0, 1.0)).relations().size() <= 2);
    }

    @Test
    void thresholdsFilter() {
        String text = TEXTS.get(1);
        AnnotatedDocument all = model.predict("d", text, ALL);
        AnnotatedDocument none = model.predict("d", text, new PredictionOptions(1.0, 1.0));
        assertTrue(none.entities().size() <= all.entities().size());
        assertTrue(none.relations().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new PredictionOptions(-0.1, 0.5));
        assertEquals(new PredictionOptions(0.0, 0.5), PredictionOptions.defaults());
    }

    @Test
    void aModelHoldsEveryWeightOfItsNetwork() {
        // models are built on zero-initialised networks: every tensor must arrive, none may stay zero
        LabelSpace labels = new LabelSpace(List.of("ADE", "Drug"), "Drug", List.of("ADE-Drug"),
                new boolean[][]{{true, false}});
        VocabularyBuilder builder = new VocabularyBuilder(BasicTokenizer.uncased(), 50, 1);
        TEXTS.forEach(builder::add);
        Vocabulary vocabulary = builder.build();
        NetworkConfig sized = new NetworkConfig(vocabulary.size(), 12, 16, 2, 2, true, 4, 16, DataType.FLOAT, 5);
        JnrfNetwork sizedNet = new JnrfNetwork(sized, labels, FourierMixers.create("auto", 1));
        List<Tensor> weights = JnrfModel.fromNetwork(ModelConfig.of(sized, labels, true, false, 100), vocabulary,
                sizedNet).weights();
        List<Tensor> source = NetworkWeights.export(sizedNet);
        assertEquals(source.size(), weights.size());
        for (int i = 0; i < source.size(); i++) {
            assertEquals(source.get(i).name(), weights.get(i).name());
            org.junit.jupiter.api.Assertions.assertArrayEquals(source.get(i).data(), weights.get(i).data(), 0f,
                    source.get(i).name());
        }
    }

    @Test
    void savedAndLoadedModelsGiveIdenticalOutput(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        model.save(file);
        JnrfModel loaded = JnrfModel.load(file);
        JnrfModel fromStream;
        try (InputStream in = Files.newInputStream(file)) {
            fromStream = JnrfModel.load(in);
        }
        assertEquals(model.config(), loaded.config());
        assertEquals(model.vocabulary(), loaded.vocabulary());
        for (String text : TEXTS) {
            AnnotatedDocument expected = model.predict("d", text, ALL);
            assertEquals(expected, loaded.predict("d", text, ALL));
            assertEquals(expected, fromStream.predict("d", text, ALL));
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            List<String> names = new ArrayList<>();
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
            assertEquals(List.of("config.json", "vocab.txt", "weights.bin"), names);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void eightBitEmbeddingsStayWithinHalfAStepAndKeepTheOtherWeightsExact(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("int8.zip");
        model.save(file, java.util.Set.of(VocabularyPruning.EMBEDDING_TENSOR));
        JnrfModel loaded = JnrfModel.load(file);
        assertTrue(Files.size(file) < Files.size(save(dir.resolve("f32.zip"))), "8-bit file is smaller");
        Map<String, Tensor> before = new java.util.HashMap<>();
        model.weights().forEach(t -> before.put(t.name(), t));
        for (Tensor t : loaded.weights()) {
            float[] a = before.get(t.name()).data();
            float[] b = t.data();
            if (!t.name().equals(VocabularyPruning.EMBEDDING_TENSOR)) {
                assertTrue(java.util.Arrays.equals(a, b), t.name() + " changed");
                continue;
            }
            int cols = (int) t.shape()[1];
            for (int r = 0; r < t.shape()[0]; r++) {
                float max = 0;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, Math.abs(a[r * cols + c]));
                }
                for (int c = 0; c < cols; c++) {
                    assertEquals(a[r * cols + c], b[r * cols + c], max / 127 / 2 + 1e-7, "row " + r);
                }
            }
        }
        for (String text : TEXTS) {
            assertEquals(model.predict("d", text, ALL).entities().size(),
                    loaded.predict("d", text, ALL).entities().size(), "entity count on: " + text);
        }
    }

    private static Path save(Path file) throws IOException {
        model.save(file);
        return file;
    }

    @Test
    void fourThreadsGiveTheSameResultsAsOne() throws Exception {
        List<AnnotatedDocument> expected = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            expected.add(model.predict("d" + i, TEXTS.get(i), ALL));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int offset = t;
                results.add(pool.submit(() -> {
                    for (int rep = 0; rep < 10; rep++) {
                        int i = (rep + offset) % TEXTS.size();
                        if (!expected.get(i).equals(model.predict("d" + i, TEXTS.get(i), ALL))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    // ---- corrupt, truncated and mismatched files ----

    private static byte[] saved() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelArchiveFormat.writeZip(out, model.config(), model.vocabulary(), model.weights(), Map.of());
        return out.toByteArray();
    }

    private static Map<String, byte[]> entries() throws IOException {
        return ModelArchiveFormat.readEntries(new java.io.ByteArrayInputStream(saved()), "m");
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static ModelFormatException failure(Path dir, byte[] content) throws IOException {
        Path file = dir.resolve("bad.zip");
        Files.write(file, content);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> JnrfModel.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e;
    }

    @Test
    void missingEntry(@TempDir Path dir) throws IOException {
        Map<String, byte[]> e = new java.util.LinkedHashMap<>(entries());
        e.remove("weights.bin");
        assertTrue(failure(dir, zip(e)).getMessage().contains("missing entry weights.bin"));
    }

    @Test
    void notAZip(@TempDir Path dir) throws IOException {
        assertTrue(failure(dir, "hello".getBytes(StandardCharsets.UTF_8)).getMessage().contains("not a"));
    }

    @Test
    void truncatedFile(@TempDir Path dir) throws IOException {
        byte[] all = saved();
        ModelFormatException e = failure(dir, java.util.Arrays.copyOf(all, all.length / 2));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void truncatedWeights(@TempDir Path dir) throws IOException {
        Map<String, byte[]> e = new java.util.LinkedHashMap<>(entries());
        byte[] w = e.get("weights.bin");
        e.put("weights.bin", java.util.Arrays.copyOf(w, w.length - 100));
        assertTrue(failure(dir, zip(e)).getMessage().contains("truncated"));
    }

    @Test
    void badChecksum(@TempDir Path dir) throws IOException {
        Map<String, byte[]> e = new java.util.LinkedHashMap<>(entries());
        byte[] w = e.get("weights.bin").clone();
        w[w.length / 2] ^= 0x40;
        e.put("weights.bin", w);
        ModelFormatException ex = failure(dir, zip(e));
        assertTrue(ex.getMessage().contains("checksum mismatch"), ex.getMessage());
        assertTrue(ex.getMessage().contains("weights.bin"), ex.getMessage());
    }

    @Test
    void wrongFormatVersion(@TempDir Path dir) throws IOException {
        Map<String, byte[]> e = new java.util.LinkedHashMap<>(entries());
        String json = new String(e.get("config.json"), StandardCharsets.UTF_8)
                .replace("\"formatVersion\" : 1", "\"formatVersion\" : 99");
        e.put("config.json", json.getBytes(StandardCharsets.UTF_8));
        assertTrue(failure(dir, zip(e)).getMessage().contains("format version 99"));
    }

    @Test
    void shapeMismatch(@TempDir Path dir) throws IOException {
        Map<String, byte[]> e = new java.util.LinkedHashMap<>(entries());
        String json = new String(e.get("config.json"), StandardCharsets.UTF_8)
                .replace("\"relationDim\" : 4", "\"relationDim\" : 5");
        e.put("config.json", json.getBytes(StandardCharsets.UTF_8));
        ModelFormatException ex = failure(dir, zip(e));
        assertTrue(ex.getMessage().contains("has shape"), ex.getMessage());
    }

    @Test
    void vocabularyMismatch(@TempDir Path dir) throws IOException {
        Map<String, byte[]> e = new java.util.LinkedHashMap<>(entries());
        e.put("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nfoo\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(failure(dir, zip(e)).getMessage().contains("config.json says"));
    }
}
