package org.jnrf.model;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.jnrf.network.BioDecoder;
import org.jnrf.network.EntitySpan;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.LabelSpace;
import org.jnrf.network.NetworkConfig;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.fourier.FourierMixers;
import org.jnrf.text.BasicTokenizer;
import org.jnrf.text.Token;
import org.jnrf.text.Vocabulary;
import org.jnrf.text.VocabularyBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnsembleTest {
    private static final PredictionOptions ALL = new PredictionOptions(0, 0);
    private static final LabelSpace LABELS = new LabelSpace(List.of("ADE", "Dosage", "Drug"), "Drug",
            List.of("ADE-Drug", "Dosage-Drug"), new boolean[][]{{true, false, false}, {false, true, false}});

    private static Vocabulary vocabulary;
    private static JnrfNetwork netA;
    private static JnrfNetwork netB;
    private static JnrfModel modelA;
    private static JnrfModel modelB;
    private static JnrfModel ensemble;

    @BeforeAll
    static void build() {
        ComputeThreads.set(1);
        VocabularyBuilder builder = new VocabularyBuilder(BasicTokenizer.uncased(), 200, 1);
        JnrfModelTest.TEXTS.forEach(builder::add);
        vocabulary = builder.build();
        netA = network(21);
        netB = network(22);
        modelA = model(netA);
        modelB = model(netB);
        ensemble = JnrfModel.ensemble(List.of(modelA, modelB));
    }

    private static JnrfNetwork network(long seed) {
        NetworkConfig nc = new NetworkConfig(vocabulary.size(), 12, 16, 2, 2, true, 4, 16, DataType.FLOAT, seed);
        return new JnrfNetwork(nc, LABELS, FourierMixers.create("auto", 1));
    }

    private static JnrfModel model(JnrfNetwork net) {
        return JnrfModel.fromNetwork(ModelConfig.of(net.config(), LABELS, true, false, 100), vocabulary, net);
    }

    @Test
    void anEnsembleOfOneOrOfTwinsPredictsExactlyAsItsModel() {
        JnrfModel one = JnrfModel.ensemble(List.of(modelA));
        JnrfModel twins = JnrfModel.ensemble(List.of(modelA, modelA));
        assertEquals(1, one.memberCount());
        assertEquals(2, twins.memberCount());
        for (String text : JnrfModelTest.TEXTS) {
            AnnotatedDocument expected = modelA.predict("d", text, ALL);
            assertEquals(expected, one.predict("d", text, ALL));
            assertEquals(expected, twins.predict("d", text, ALL), "(p + p) / 2 is p");
        }
    }

    @Test
    void aSingleNetworkModelPredictsExactlyAsItsNetwork() {
        String text = JnrfModelTest.TEXTS.get(0);
        List<Token> tokens = modelA.tokenizer().tokenize(text);
        int[] ids = tokens.stream().mapToInt(Token::id).toArray();
        boolean[] continuation = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            continuation[i] = tokens.get(i).isContinuation();
        }
        org.jnrf.network.NetworkPrediction p = netA.predict(ids, continuation,
                org.jnrf.text.TokenLines.of(text, tokens), netA.newScratch());
        AnnotatedDocument doc = modelA.predict("d", text, ALL);
        assertEquals(p.entities().size(), doc.entities().size());
        for (int i = 0; i < p.entities().size(); i++) {
            assertEquals(p.entities().get(i).confidence(), doc.entities().get(i).confidence(), 0.0);
        }
        assertEquals(p.relations().size(), doc.relations().size());
        for (int i = 0; i < p.relations().size(); i++) {
            assertEquals(p.relations().get(i).probability(), doc.relations().get(i).confidence(), 0.0);
            assertEquals("T" + (p.relations().get(i).modifier() + 1), doc.relations().get(i).modifierId());
        }
    }

    @Test
    void severalThreadsShareOneEnsemble() throws Exception {
        List<AnnotatedDocument> expected = new ArrayList<>();
        for (String text : JnrfModelTest.TEXTS) {
            expected.add(ensemble.predict("d", text, ALL));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<AnnotatedDocument>> futures = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (String text : JnrfModelTest.TEXTS) {
                    futures.add(pool.submit(() -> ensemble.predict("d", text, ALL)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(expected.get(i % expected.size()), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theMemberCountIsWrittenForEnsemblesOnlyAndChecked(@TempDir Path dir) throws IOException {
        Path single = dir.resolve("single.zip");
        modelA.save(single);
        assertTrue(!new String(entries(single).get("config.json"), java.nio.charset.StandardCharsets.UTF_8)
                .contains("members"), "older builds read single-network files");
        Path pair = dir.resolve("pair.zip");
        ensemble.save(pair);
        String json = new String(entries(pair).get("config.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"members\" : 2"), json);
        for (String count : List.of("0", "65")) {
            Map<String, byte[]> e = entries(pair);
            e.put("config.json", json.replace("\"members\" : 2", "\"members\" : " + count)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Path bad = dir.resolve("members-" + count + ".zip");
            Files.write(bad, zip(e));
            ModelFormatException error = assertThrows(ModelFormatException.class, () -> JnrfModel.load(bad));
            assertTrue(error.getMessage().contains("config.json") && error.getMessage().contains(count),
                    error.getMessage());
        }
    }

    @Test
    void entitiesAreDecodedFromTheAverageOfTheNetworksTagProbabilities() {
        String text = JnrfModelTest.TEXTS.get(0);
        List<Token> tokens = ensemble.tokenizer().tokenize(text);
        int[] ids = tokens.stream().mapToInt(Token::id).toArray();
        boolean[] continuation = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            continuation[i] = tokens.get(i).isContinuation();
        }
        double[][] a = netA.encode(ids, null, netA.newScratch()).tagProbabilities();
        double[][] b = netB.encode(ids, null, netB.newScratch()).tagProbabilities();
        double[][] mean = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                mean[i][k] = (a[i][k] + b[i][k]) / 2;
            }
        }
        List<EntitySpan> spans = BioDecoder.decodeConstrained(mean, continuation);
        List<EntityMention> entities = ensemble.predict("d", text, ALL).entities();
        assertTrue(!spans.isEmpty(), "untrained networks tag something");
        assertEquals(spans.size(), entities.size());
        for (int i = 0; i < spans.size(); i++) {
            EntitySpan s = spans.get(i);
            EntityMention e = entities.get(i);
            assertEquals(LABELS.entityTypes().get(s.type()), e.type());
            assertEquals(tokens.get(s.ranges().get(0).begin()).begin(), e.begin());
            assertEquals(s.confidence(), e.confidence(), 1e-12);
        }
        assertNotEquals(modelA.predict("d", text, ALL), ensemble.predict("d", text, ALL),
                "the second network changes the decision");
    }

    @Test
    void aNoteWithMorePairsThanABlockHasEveryPairScoredAsInOneBlock() {
        // 900 one-word entities: 450 drugs x 450 modifiers = 202,500 pairs, more than one block of anchors
        int words = 900;
        String[] types = {"Drug", "ADE", "Drug", "Dosage"};
        StringBuilder text = new StringBuilder();
        List<EntityMention> given = new ArrayList<>();
        List<EntitySpan> spans = new ArrayList<>();
        for (int k = 0; k < words; k++) {
            given.add(new EntityMention("T" + (k + 1), types[k % 4], new TextSpan(text.length(), text.length() + 4)));
            spans.add(EntitySpan.of(LABELS.entityTypes().indexOf(types[k % 4]), k, k + 1));
            text.append("rash ");
        }
        List<Token> tokens = modelA.tokenizer().tokenize(text.toString());
        assertEquals(words, tokens.size(), "one token per word");
        assertTrue(450 * 450 > org.jnrf.network.PairScorer.BLOCK_PAIRS);
        int[] ids = tokens.stream().mapToInt(Token::id).toArray();
        List<org.jnrf.network.RelationScore> oneBlock = netA.predictWithEntities(ids, spans,
                org.jnrf.text.TokenLines.of(text.toString(), tokens), netA.newScratch()).relations();
        AnnotatedDocument document = new AnnotatedDocument("d", text.toString(), given, List.of());
        List<RelationMention> blocks = modelA.predictRelations(document, ALL).relations();
        assertEquals(450 * 450, oneBlock.size());
        assertEquals(oneBlock.size(), blocks.size());
        for (int k = 0; k < oneBlock.size(); k++) {
            org.jnrf.network.RelationScore expected = oneBlock.get(k);
            RelationMention actual = blocks.get(k);
            assertEquals("T" + (expected.modifier() + 1), actual.modifierId(), "pair " + k);
            assertEquals("T" + (expected.anchor() + 1), actual.anchorId(), "pair " + k);
            assertEquals(expected.probability(), actual.confidence(), 0.0, "pair " + k);
        }
        JnrfModel twins = JnrfModel.ensemble(List.of(modelA, modelA));
        assertEquals(blocks, twins.predictRelations(document, ALL).relations(), "(p + p) / 2 is p, block by block");
    }

    @Test
    void aPairsRelationProbabilityIsTheMeanOfTheNetworks() {
        String text = JnrfModelTest.TEXTS.get(0);
        AnnotatedDocument given = new AnnotatedDocument("d", text, List.of(
                new EntityMention("T1", "ADE", new TextSpan(17, 28)),
                new EntityMention("T2", "Drug", new TextSpan(35, 46)),
                new EntityMention("T3", "Dosage", new TextSpan(47, 53))), List.of());
        List<RelationMention> a = modelA.predictRelations(given, ALL).relations();
        List<RelationMention> b = modelB.predictRelations(given, ALL).relations();
        List<RelationMention> both = ensemble.predictRelations(given, ALL).relations();
        assertEquals(2, both.size());
        for (int i = 0; i < both.size(); i++) {
            // each modifier type allows one relation type, so the reported class is the same for every network
            assertEquals(a.get(i).type(), both.get(i).type());
            assertEquals((a.get(i).confidence() + b.get(i).confidence()) / 2, both.get(i).confidence(), 1e-12);
        }
    }

    @Test
    void theFirstNetworksOfAnEnsembleTakeTheThresholdTunedForThem(@TempDir Path dir) throws IOException {
        JnrfModel tuned = ensemble.withMemberThresholds(List.of(0.35, 0.65));
        assertEquals(0.65, tuned.defaultOptions().relationThreshold());
        JnrfModel first = tuned.firstMembers(1);
        assertEquals(1, first.memberCount());
        assertEquals(0.35, first.defaultOptions().relationThreshold());
        assertTrue(tuned.firstMembers(2) == tuned);
        for (String text : JnrfModelTest.TEXTS) {
            assertEquals(modelA.predict("d", text, ALL), first.predict("d", text, ALL));
        }
        Path file = dir.resolve("tuned.zip");
        tuned.save(file);
        JnrfModel loaded = JnrfModel.load(file);
        assertEquals(List.of(0.35, 0.65), loaded.config().memberThresholds());
        assertEquals(0.35, loaded.firstMembers(1).defaultOptions().relationThreshold());
        assertEquals(List.of(0.35, 0.7), loaded.withRelationThreshold(0.7).config().memberThresholds(),
                "a new threshold for all networks replaces the last one");
        assertThrows(IllegalArgumentException.class, () -> tuned.firstMembers(0));
        assertThrows(IllegalArgumentException.class, () -> tuned.firstMembers(3));
        // without tuned thresholds the cut keeps the ensemble's
        assertEquals(0.7, ensemble.withRelationThreshold(0.7).firstMembers(1).defaultOptions().relationThreshold());
    }

    @Test
    void withSentenceBreaksTwoSentencesOnALineScoreAsOnTwoLines(@TempDir Path dir) throws IOException {
        // a network with pair features whose line weights are not zero, so the line feature changes the scores
        NetworkConfig nc = new NetworkConfig(vocabulary.size(), 12, 16, 2, 2, true, 4, 16, DataType.FLOAT, 5, 0,
                true);
        JnrfNetwork net = new JnrfNetwork(nc, LABELS, FourierMixers.create("auto", 1));
        net.paramsByName().get("relation.rank").value().assign(
                org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 3, LABELS.relationClassCount()).subi(0.5).muli(8));
        JnrfModel plain = model(net);
        JnrfModel breaks = plain.withSentenceBreaks(true);
        String oneLine = "Patient developed severe rash. Amoxicillin 500 mg was stopped.";
        String twoLines = oneLine.replace(". A", ".\nA");
        List<EntityMention> entities = List.of(new EntityMention("T1", "ADE", new TextSpan(18, 29)),
                new EntityMention("T2", "Drug", new TextSpan(31, 42)),
                new EntityMention("T3", "Dosage", new TextSpan(43, 49)));
        AnnotatedDocument a = new AnnotatedDocument("d", oneLine, entities, List.of());
        AnnotatedDocument b = new AnnotatedDocument("d", twoLines, entities, List.of());
        List<RelationMention> expected = plain.predictRelations(b, ALL).relations();
        assertEquals(expected, breaks.predictRelations(a, ALL).relations());
        assertNotEquals(expected, plain.predictRelations(a, ALL).relations(), "without breaks: one line, other scores");
        Path file = dir.resolve("breaks.zip");
        breaks.save(file);
        assertTrue(JnrfModel.load(file).config().countsSentenceBreaks());
        assertEquals(expected, JnrfModel.load(file).predictRelations(a, ALL).relations());
        Path plainFile = dir.resolve("plain.zip");
        plain.save(plainFile);
        assertTrue(!new String(entries(plainFile).get("config.json"), java.nio.charset.StandardCharsets.UTF_8)
                .contains("sentenceBreaks"), "absent when off");
    }

    @Test
    void savedAndLoadedEnsemblesGiveIdenticalOutput(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ensemble.zip");
        ensemble.withRelationThreshold(0.7).save(file);
        JnrfModel loaded = JnrfModel.load(file);
        assertEquals(2, loaded.memberCount());
        assertEquals(2, loaded.config().members());
        assertEquals(0.7, loaded.defaultOptions().relationThreshold());
        for (String text : JnrfModelTest.TEXTS) {
            assertEquals(ensemble.predict("d", text, ALL), loaded.predict("d", text, ALL));
        }
        assertEquals(List.of("config.json", "vocab.txt", "weights.bin", "weights-2.bin"), entryNames(file));
    }

    @Test
    void eightBitMatricesAreWhatTheSavedFileHolds(@TempDir Path dir) throws IOException {
        Set<String> matrices = ensemble.largeMatrices(64);
        assertTrue(matrices.contains(VocabularyPruning.EMBEDDING_TENSOR));
        assertTrue(matrices.contains("input.0.weight"));
        assertTrue(matrices.stream().noneMatch(n -> n.endsWith(".bias") || n.endsWith(".gain")), matrices::toString);
        JnrfModel quantized = ensemble.quantized(matrices);
        Path file = dir.resolve("q.zip");
        ensemble.save(file, matrices);
        JnrfModel loaded = JnrfModel.load(file);
        for (String text : JnrfModelTest.TEXTS) {
            assertEquals(quantized.predict("d", text, ALL), loaded.predict("d", text, ALL));
        }
        for (int m = 0; m < 2; m++) {
            List<Tensor> before = ensemble.memberWeights().get(m);
            List<Tensor> after = quantized.memberWeights().get(m);
            for (int t = 0; t < before.size(); t++) {
                float[] x = before.get(t).data();
                float[] y = after.get(t).data();
                float max = 0;
                for (float v : x) {
                    max = Math.max(max, Math.abs(v));
                }
                for (int i = 0; i < x.length; i++) {
                    // within half a step of the largest row scale; the other tensors exactly
                    assertEquals(x[i], y[i], matrices.contains(before.get(t).name()) ? max / 254 + 1e-7 : 0,
                            before.get(t).name());
                }
            }
        }
    }

    @Test
    void aFurtherNetworkStoresOnlyTheEightBitRowsThatDifferFromTheFirstNetworks(@TempDir Path dir)
            throws IOException {
        // the second network: the first one's embedding rows, rows 0-4 changed, the others moved by float rounding
        List<Tensor> first = modelA.weights();
        List<Tensor> second = new ArrayList<>();
        for (Tensor t : first) {
            float[] data = t.data().clone();
            if (t.name().equals(VocabularyPruning.EMBEDDING_TENSOR)) {
                int cols = (int) t.shape()[1];
                for (int i = 0; i < data.length; i++) {
                    data[i] = i < 5 * cols ? data[i] * -0.5f + 0.01f : data[i] * (1 + 1e-6f);
                }
            }
            second.add(new Tensor(t.name(), t.shape(), data));
        }
        JnrfModel pair = JnrfModel.fromParts(modelA.config().withMembers(2), vocabulary, List.of(first, second));
        Set<String> int8 = Set.of(VocabularyPruning.EMBEDDING_TENSOR);
        Path file = dir.resolve("pair.zip");
        pair.save(file, int8);
        Map<String, Long> sizes = entrySizes(file);
        long rows = vocabulary.size();
        long cols = modelA.config().embeddingDim();
        assertEquals(sizes.get("weights.bin") - (rows - 5) * (cols + 4) + 4 * 5 + 4, sizes.get("weights-2.bin"),
                "the second file holds 5 rows of its own and their indices, not the whole table");
        JnrfModel loaded = JnrfModel.load(file);
        float[] a = tensor(loaded.memberWeights().get(0)).data();
        float[] b = tensor(loaded.memberWeights().get(1)).data();
        float[] original = tensor(second).data();
        for (int i = 0; i < a.length; i++) {
            if (i >= 5 * cols) {
                assertEquals(a[i], b[i], 0f, "shared row value " + i);
            } else {
                assertNotEquals(a[i], b[i], "own row value " + i);
            }
        }
        for (int r = 0; r < rows; r++) {
            float max = 0;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, Math.abs(original[(int) (r * cols + c)]));
            }
            for (int c = 0; c < cols; c++) {
                int i = (int) (r * cols + c);
                assertEquals(original[i], b[i], 0.6f * max / 127 + 1e-7f, "value " + i);
            }
        }
        for (String text : JnrfModelTest.TEXTS) {
            assertEquals(pair.quantized(int8).predict("d", text, ALL), loaded.predict("d", text, ALL));
        }
        byte[] secondFile = entries(file).get("weights-2.bin");
        ModelFormatException alone = assertThrows(ModelFormatException.class,
                () -> WeightsFile.read(new java.io.ByteArrayInputStream(secondFile), "weights-2.bin"));
        assertTrue(alone.getMessage().contains("shares rows with a tensor of the first network"), alone.getMessage());
        // a row list out of order, in a file whose checksum is otherwise right: named, not an exception of another kind
        Map<String, Tensor> base = WeightsFile.read(new java.io.ByteArrayInputStream(entries(file).get("weights.bin")),
                "weights.bin");
        byte[] corrupt = secondFile.clone();
        int rowList = indexOf(corrupt, VocabularyPruning.EMBEDDING_TENSOR.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + VocabularyPruning.EMBEDDING_TENSOR.length() + 4 + 16 + 1 + 4;
        java.nio.ByteBuffer.wrap(corrupt).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(rowList, 4);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(corrupt, 0, corrupt.length - 4);
        java.nio.ByteBuffer.wrap(corrupt).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(corrupt.length - 4,
                (int) crc.getValue());
        ModelFormatException disorder = assertThrows(ModelFormatException.class,
                () -> WeightsFile.read(new java.io.ByteArrayInputStream(corrupt), "weights-2.bin", base));
        assertTrue(disorder.getMessage().contains("invalid row list"), disorder.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static Tensor tensor(List<Tensor> weights) {
        return weights.stream().filter(t -> t.name().equals(VocabularyPruning.EMBEDDING_TENSOR)).findFirst()
                .orElseThrow();
    }

    private static Map<String, Long> entrySizes(Path file) throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        entries(file).forEach((name, bytes) -> sizes.put(name, (long) bytes.length));
        return sizes;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void pruningTheVocabularyPrunesEveryMember() throws IOException {
        JnrfModel pruned = VocabularyPruning.prune(ensemble, JnrfModelTest.TEXTS.subList(0, 2));
        assertEquals(2, pruned.memberCount());
        assertTrue(pruned.vocabulary().size() < ensemble.vocabulary().size());
        for (String text : JnrfModelTest.TEXTS.subList(0, 2)) {
            assertEquals(ensemble.predict("d", text, ALL), pruned.predict("d", text, ALL));
        }
    }

    @Test
    void modelsOfAnotherConfigurationOrVocabularyAreRefused() {
        NetworkConfig wider = new NetworkConfig(vocabulary.size(), 12, 24, 2, 2, true, 4, 16, DataType.FLOAT, 3);
        JnrfModel other = model(new JnrfNetwork(wider, LABELS, FourierMixers.create("auto", 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JnrfModel.ensemble(List.of(modelA, other)));
        assertTrue(e.getMessage().contains("model 2 differs"), e.getMessage());
        List<String> pieces = new ArrayList<>(vocabulary.pieces());
        java.util.Collections.swap(pieces, pieces.size() - 1, pieces.size() - 2);
        JnrfModel swapped = JnrfModel.fromNetwork(modelA.config(), Vocabulary.of(pieces), netA);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JnrfModel.ensemble(List.of(modelA, swapped)))
                .getMessage().contains("another vocabulary"));
        assertThrows(IllegalArgumentException.class, () -> JnrfModel.ensemble(List.of()));
        assertThrows(IllegalStateException.class, ensemble::weights);
    }

    @Test
    void aMissingMemberIsAClearError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ensemble.zip");
        ensemble.save(file);
        Map<String, byte[]> entries = entries(file);
        entries.remove("weights-2.bin");
        Path broken = dir.resolve("broken.zip");
        Files.write(broken, zip(entries));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> JnrfModel.load(broken));
        assertTrue(e.getMessage().contains("broken.zip") && e.getMessage().contains("missing entry weights-2.bin"),
                e.getMessage());
    }

    private static List<String> entryNames(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
