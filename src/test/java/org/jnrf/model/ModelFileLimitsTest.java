package org.jnrf.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.training.TrainingCheckpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile model files: what an archive or a header declares is checked against the bytes really there and against
 * sane limits before anything is allocated for it, and the error names the file.
 */
class ModelFileLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, byte[]> entries;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() throws IOException {
        ComputeThreads.set(1);
        JnrfModel model = JnrfModelTest.randomModel(5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelArchiveFormat.writeZip(out, model.config(), model.vocabulary(), model.weights(), Map.of());
        entries = ModelArchiveFormat.readEntries(new ByteArrayInputStream(out.toByteArray()), "m");
    }

    @Test
    void aZipBombEntryIsRefusedWhileItInflatesNotAfter() throws IOException {
        Path bomb = dir.resolve("bomb.zip");
        long zeros = 256L << 20;
        try (OutputStream file = Files.newOutputStream(bomb); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry(ModelArchiveFormat.WEIGHTS_ENTRY));
            byte[] block = new byte[1 << 20];
            for (long written = 0; written < zeros; written += block.length) {
                zip.write(block);
            }
            zip.closeEntry();
        }
        long[] consumed = new long[1];
        InputStream counting = new FilterInputStream(Files.newInputStream(bomb)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                consumed[0] += Math.max(n, 0);
                return n;
            }
        };
        ModelFormatException e;
        try (counting) {
            e = assertThrows(ModelFormatException.class, () -> JnrfModel.load(counting, bomb.toString()));
        }
        assertTrue(e.getMessage().startsWith(bomb + ": entry weights.bin inflates the archive to"), e.getMessage());
        assertTrue(consumed[0] < Files.size(bomb) / 10, "stopped after " + consumed[0] + " of " + Files.size(bomb)
                + " compressed bytes");
        ModelFormatException checkpoint = assertThrows(ModelFormatException.class,
                () -> TrainingCheckpoint.read(bomb));
        assertTrue(checkpoint.getMessage().contains("zip bomb"), checkpoint.getMessage());
    }

    @Test
    void anEntryOfMostlyZerosBesideRealWeightsIsRead() throws IOException {
        // optimizer state of embedding rows training never touched deflates like a bomb, the weights beside it do not
        byte[] zeros = new byte[24 << 20];
        byte[] weights = new byte[4 << 20];
        new java.util.Random(7).nextBytes(weights);
        for (boolean zerosFirst : new boolean[] {true, false}) {
            Path file = dir.resolve("checkpoint-" + zerosFirst + ".zip");
            try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (String name : zerosFirst ? new String[] {"optimizer.bin", "weights.bin"}
                        : new String[] {"weights.bin", "optimizer.bin"}) {
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write(name.equals("weights.bin") ? weights : zeros);
                    zip.closeEntry();
                }
            }
            try (InputStream in = Files.newInputStream(file)) {
                Map<String, byte[]> read = ModelArchive.read(in, file.toString(), Files.size(file));
                assertTrue(java.util.Arrays.equals(zeros, read.get("optimizer.bin")), file.toString());
                assertTrue(java.util.Arrays.equals(weights, read.get("weights.bin")), file.toString());
            }
            if (!zerosFirst) { // a stream of unknown size: the weights read so far pay for the zeros after them
                try (InputStream in = Files.newInputStream(file)) {
                    assertTrue(ModelArchive.read(in, file.toString(), -1).containsKey("optimizer.bin"));
                }
            }
        }
    }

    @Test
    void anEntryDeclaringThreeGibibytesIsRefusedFromItsHeader() throws IOException {
        Path file = dir.resolve("declared.zip");
        Files.write(file, localEntry(ModelArchiveFormat.WEIGHTS_ENTRY, 3L << 30, new byte[1024]));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> JnrfModel.load(file));
        assertTrue(e.getMessage().startsWith(file + ": entry weights.bin declares 3221225472 bytes"), e.getMessage());
    }

    @Test
    void aTensorDeclaringMoreValuesThanItsEntryHoldsIsRefusedBeforeAllocation() throws IOException {
        byte[] name = "embedding.table".getBytes(StandardCharsets.UTF_8);
        ByteBuffer weights = ByteBuffer.allocate(8 + 4 + 4 + name.length + 4 + 8 + 1024)
                .order(ByteOrder.LITTLE_ENDIAN);
        weights.put(WeightsFile.MAGIC).putInt(1).putInt(name.length).put(name).putInt(1).putLong(100_000_000L);
        Map<String, byte[]> e = new LinkedHashMap<>(entries);
        e.put(ModelArchiveFormat.WEIGHTS_ENTRY, weights.array());
        ModelFormatException error = failure(e);
        assertTrue(error.getMessage().contains("bad.zip!weights.bin: truncated: tensor embedding.table of 100000000"
                + " values needs 400000000 bytes, 1024 remain"), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"layers, 2000000000", "hidden, 1000000", "embeddingDim, 1000000", "relationDim, 1000000",
            "expansion, 100000", "contextWindow, 100000", "maxCharsPerWord, 2000000000",
            "vocabularySize, 2000000000"})
    void aConfigurationBeyondSaneLimitsIsRefused(String setting, int value) throws IOException {
        ModelFormatException e = failure(withConfig(setting, value));
        assertTrue(e.getMessage().contains("bad.zip!config.json: invalid configuration: " + setting + " " + value
                + " is beyond the limit"), e.getMessage());
    }

    @Test
    void aConfigurationNeedingMoreWeightsThanTheFileHoldsIsRefusedBeforeItsNetworkIsAllocated() throws IOException {
        ModelFormatException e = failure(withConfig("hidden", 4096));
        assertTrue(e.getMessage().matches(".*bad\\.zip!config\\.json: the configuration needs at least \\d+ weight"
                + " values, weights\\.bin holds \\d+"), e.getMessage());
    }

    @Test
    void anEmptyFileSaysSo() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.zip"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> JnrfModel.load(empty));
        assertTrue(e.getMessage().equals(empty + ": empty file, not a JNRF model"), e.getMessage());
    }

    @Test
    void theSizeFormulaIsALowerBoundOfTheNetworkItDescribes() {
        JnrfModel model = JnrfModelTest.randomModel(5);
        long values = model.weights().stream().mapToLong(t -> t.data().length).sum();
        long minimum = model.config().minimumWeightValues();
        assertTrue(minimum <= values && minimum > values / 2, minimum + " of " + values);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"jnrf-phee-fnet-ensemble.zip", "jnrf-tac2017-fnet.zip"})
    void aModelFromBeforeContextualEncodersLoadsOnTheTablePath(String file) throws IOException {
        Path zip = Path.of("resources", "models", file);
        Map<String, byte[]> shipped = ModelArchiveFormat.readEntries(Files.newInputStream(zip), file);
        assertTrue(!JSON.readTree(shipped.get(ModelArchiveFormat.CONFIG_ENTRY)).has("encoder"),
                "written before the encoder existed");
        JnrfModel model = JnrfModel.load(zip);
        org.junit.jupiter.api.Assertions.assertNull(model.config().encoder());
        assertTrue(model.memberWeights().stream().flatMap(java.util.List::stream)
                .noneMatch(t -> t.name().startsWith("bert.")));
        // and a table-path model written now still has no encoder entry, so older builds read it
        assertTrue(!JSON.readTree(entries.get(ModelArchiveFormat.CONFIG_ENTRY)).has("encoder"));
    }

    @ParameterizedTest
    @CsvSource({"layers, 2000, encoder layers 2000 is beyond the limit",
            "maxPositions, 100000, encoder maxPositions 100000 is beyond the limit",
            "heads, 5, width 8 is not divisible by heads 5",
            "width, 1000000, the contextual encoder reads"})
    void anEncoderBeyondSaneLimitsIsRefused(String field, int value, String message) throws IOException {
        Map<String, byte[]> encoderModel = encoderModelEntries();
        ObjectNode config = (ObjectNode) JSON.readTree(encoderModel.get(ModelArchiveFormat.CONFIG_ENTRY));
        ((ObjectNode) config.get("encoder").get("shape")).put(field, value);
        encoderModel.put(ModelArchiveFormat.CONFIG_ENTRY, JSON.writeValueAsBytes(config));
        ModelFormatException e = failure(encoderModel);
        assertTrue(e.getMessage().contains("bad.zip!config.json: invalid configuration") && e.getMessage()
                .contains(message), e.getMessage());
    }

    @Test
    void theSizeFormulaIsALowerBoundOfAnEncoderNetwork() throws IOException {
        JnrfModel model = JnrfModel.load(new ByteArrayInputStream(JnrfModelTest.zip(encoderModelEntries())), "enc");
        long values = model.weights().stream().mapToLong(t -> t.data().length).sum();
        long minimum = model.config().minimumWeightValues();
        assertTrue(minimum <= values && minimum > values / 2, minimum + " of " + values);
    }

    /** A random network with a contextual encoder (width 8, 2 layers, 2 heads), as zip entries. */
    private static Map<String, byte[]> encoderModelEntries() throws IOException {
        JnrfModel table = JnrfModelTest.randomModel(5);
        org.jnrf.network.transformer.BertShape shape = new org.jnrf.network.transformer.BertShape(
                table.vocabulary().size(), 16, 2, 8, 2, 2, 16, 1e-12);
        org.jnrf.network.NetworkConfig nc = new org.jnrf.network.NetworkConfig(table.vocabulary().size(), 8, 16, 1,
                2, true, 4, 16, org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 0, false,
                new org.jnrf.network.ContextualEncoderConfig(shape, table.vocabulary().clsId(),
                        table.vocabulary().sepId()));
        org.jnrf.network.LabelSpace labels = table.config().labelSpace();
        org.jnrf.network.JnrfNetwork net = new org.jnrf.network.JnrfNetwork(nc, labels,
                org.jnrf.network.fourier.FourierMixers.create("auto", 1));
        JnrfModel model = JnrfModel.fromNetwork(ModelConfig.of(nc, labels, true, false, 100), table.vocabulary(), net);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelArchiveFormat.writeZip(out, model.config(), model.vocabulary(), model.weights(), Map.of());
        return new LinkedHashMap<>(ModelArchiveFormat.readEntries(new ByteArrayInputStream(out.toByteArray()), "m"));
    }

    private Map<String, byte[]> withConfig(String setting, int value) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(entries.get(ModelArchiveFormat.CONFIG_ENTRY));
        config.put(setting, value);
        Map<String, byte[]> e = new LinkedHashMap<>(entries);
        e.put(ModelArchiveFormat.CONFIG_ENTRY, JSON.writeValueAsBytes(config));
        return e;
    }

    private ModelFormatException failure(Map<String, byte[]> content) throws IOException {
        Path file = dir.resolve("bad.zip");
        Files.write(file, JnrfModelTest.zip(content));
        return assertThrows(ModelFormatException.class, () -> JnrfModel.load(file));
    }

    /** A zip holding one deflated entry whose local header declares {@code declaredSize} bytes. */
    private static byte[] localEntry(String name, long declaredSize, byte[] content) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        byte[] compressed = new byte[content.length + 64];
        int size = deflater.deflate(compressed);
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(content);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(30 + n.length + size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0)
                .putInt((int) crc.getValue()).putInt(size).putInt((int) declaredSize).putShort((short) n.length)
                .putShort((short) 0).put(n).put(compressed, 0, size);
        return b.array();
    }
}
