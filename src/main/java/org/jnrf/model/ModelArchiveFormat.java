package org.jnrf.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jnrf.corpus.OutputFiles;
import org.jnrf.text.Vocabulary;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The model file format, read and written: one zip with {@code config.json} ({@link ModelConfig}), {@code vocab.txt}
 * (one WordPiece per line, line number = id) and {@code weights.bin} ({@link WeightsFile}). An ensemble ({@code
 * members} n in the configuration) holds n networks of one configuration and vocabulary, in {@code weights.bin},
 * {@code weights-2.bin}, ... {@code weights-n.bin}. Training checkpoints are model files with extra entries. The
 * entries are read within {@link ModelArchive}'s bounds.
 */
public final class ModelArchiveFormat {
    public static final String CONFIG_ENTRY = "config.json";
    public static final String VOCAB_ENTRY = "vocab.txt";
    public static final String WEIGHTS_ENTRY = "weights.bin";

    /** More networks than this in one file is a corrupt configuration, not an ensemble. */
    static final int MAX_MEMBERS = 64;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelArchiveFormat() {
    }

    /** What a model file holds: configuration, vocabulary and each network's weights by name. */
    record Contents(ModelConfig config, Vocabulary vocabulary, List<Map<String, Tensor>> members) {
    }

    /** Receives an output stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Reads a model zip.
     *
     * @param file names the zip in error messages
     * @param size the zip's size in bytes when known (a file), else -1
     */
    static Contents read(InputStream zip, String file, long size) throws ModelFormatException {
        Map<String, byte[]> entries = ModelArchive.read(zip, file, size);
        ModelConfig config = readConfig(entries, file);
        Vocabulary vocabulary = readVocabulary(entries, file, config);
        List<byte[]> encoded = new ArrayList<>();
        for (int m = 0; m < config.memberCount(); m++) {
            encoded.add(require(entries, weightsEntry(m), file));
        }
        List<Map<String, Tensor>> members = decodeMembers(encoded, file);
        config.checkWeightCount(members.get(0), file + "!" + CONFIG_ENTRY, WEIGHTS_ENTRY);
        return new Contents(config, vocabulary, members);
    }

    /** Each network's weights file; a further network's 8-bit rows may be shared with the first's. */
    private static List<byte[]> encodeMembers(List<List<Tensor>> members, Set<String> int8Tensors)
            throws IOException {
        List<byte[]> encoded = new ArrayList<>();
        Map<String, Tensor> first = Map.of();
        for (int m = 0; m < members.size(); m++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            WeightsFile.write(bytes, members.get(m), int8Tensors, first);
            encoded.add(bytes.toByteArray());
            if (m == 0 && members.size() > 1 && !int8Tensors.isEmpty()) {
                first = WeightsFile.read(encoded.get(0), "<first network>");
            }
        }
        return encoded;
    }

    private static List<Map<String, Tensor>> decodeMembers(List<byte[]> encoded, String file)
            throws ModelFormatException {
        List<Map<String, Tensor>> members = new ArrayList<>();
        for (int m = 0; m < encoded.size(); m++) {
            members.add(WeightsFile.read(encoded.get(m), file + "!" + weightsEntry(m),
                    m == 0 ? Map.of() : members.get(0)));
        }
        return members;
    }

    /** The weights as they come back from a file storing the named matrices in 8 bits. */
    static List<Map<String, Tensor>> afterStoring(List<List<Tensor>> members, Set<String> int8Tensors, String file)
            throws IOException {
        return decodeMembers(encodeMembers(members, int8Tensors), file);
    }

    /** The zip entry of ensemble member {@code m} (0-based): weights.bin, weights-2.bin, ... */
    public static String weightsEntry(int member) {
        return member == 0 ? WEIGHTS_ENTRY : "weights-" + (member + 1) + ".bin";
    }

    /** Entries of a zip by name; the zip is read completely, within {@link ModelArchive}'s bounds. */
    public static Map<String, byte[]> readEntries(InputStream zip, String file) throws ModelFormatException {
        return ModelArchive.read(zip, file, -1);
    }

    public static byte[] require(Map<String, byte[]> entries, String name, String file) throws ModelFormatException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new ModelFormatException(file, "missing entry " + name);
        }
        return b;
    }

    public static ModelConfig readConfig(Map<String, byte[]> entries, String file) throws ModelFormatException {
        byte[] json = require(entries, CONFIG_ENTRY, file);
        try {
            Map<?, ?> raw = JSON.readValue(json, Map.class);
            Object version = raw.get("formatVersion");
            if (!(version instanceof Number n) || n.intValue() != ModelConfig.FORMAT_VERSION) {
                throw new ModelFormatException(file + "!" + CONFIG_ENTRY, "format version " + version
                        + " is not supported (this build reads version " + ModelConfig.FORMAT_VERSION + ")");
            }
            ModelConfig config = JSON.readValue(json, ModelConfig.class);
            config.checkLimits();
            config.labelSpace(); // validates the label sets
            if (config.memberCount() > MAX_MEMBERS) {
                throw new ModelFormatException(file + "!" + CONFIG_ENTRY, config.memberCount()
                        + " ensemble members (at most " + MAX_MEMBERS + ")");
            }
            return config;
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException(file + "!" + CONFIG_ENTRY, "invalid configuration: " + e.getMessage(), e);
        }
    }

    public static Vocabulary readVocabulary(Map<String, byte[]> entries, String file, ModelConfig config)
            throws ModelFormatException {
        byte[] vocab = require(entries, VOCAB_ENTRY, file);
        Vocabulary vocabulary;
        try {
            vocabulary = Vocabulary.load(new InputStreamReader(new ByteArrayInputStream(vocab),
                    StandardCharsets.UTF_8), file + "!" + VOCAB_ENTRY);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFormatException(file + "!" + VOCAB_ENTRY, "invalid vocabulary: " + e.getMessage(), e);
        }
        if (vocabulary.size() != config.vocabularySize()) {
            throw new ModelFormatException(file + "!" + VOCAB_ENTRY, "has " + vocabulary.size()
                    + " pieces, config.json says " + config.vocabularySize());
        }
        return vocabulary;
    }

    /**
     * Writes a model zip atomically (a temporary file in the same folder, then a move), creating its folder: config,
     * vocabulary, each network's weights (the named matrices in 8 bits) and any extra entries.
     */
    public static void save(Path zip, ModelConfig config, Vocabulary vocabulary, List<List<Tensor>> memberWeights,
                            Map<String, StreamWriter> extra, Set<String> int8Tensors) throws IOException {
        Path dir = zip.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        // the umask decides the permissions, and a long model name cannot make the temporary name too long
        OutputFiles.writeAtomically(zip, out -> writeZip(out, config, vocabulary, memberWeights, extra, int8Tensors));
    }

    /** Writes config, vocabulary and one network's weights (plus any extra entries) as a zip. */
    public static void writeZip(OutputStream out, ModelConfig config, Vocabulary vocabulary, List<Tensor> weights,
                                Map<String, StreamWriter> extra) throws IOException {
        writeZip(out, config, vocabulary, List.of(weights), extra, Set.of());
    }

    private static void writeZip(OutputStream out, ModelConfig config, Vocabulary vocabulary,
                                 List<List<Tensor>> memberWeights, Map<String, StreamWriter> extra,
                                 Set<String> int8Tensors) throws IOException {
        if (memberWeights.size() != config.memberCount()) {
            throw new IllegalArgumentException(memberWeights.size() + " weight sets, the configuration says "
                    + config.memberCount());
        }
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry(CONFIG_ENTRY));
        zip.write(JSON.writeValueAsBytes(config));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(VOCAB_ENTRY));
        ByteArrayOutputStream vocab = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(vocab, StandardCharsets.UTF_8)) {
            vocabulary.write(w);
        }
        zip.write(vocab.toByteArray());
        zip.closeEntry();
        List<byte[]> encoded = encodeMembers(memberWeights, int8Tensors);
        for (int m = 0; m < encoded.size(); m++) {
            zip.putNextEntry(new ZipEntry(weightsEntry(m)));
            zip.write(encoded.get(m));
            zip.closeEntry();
        }
        for (Map.Entry<String, StreamWriter> e : extra.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey()));
            e.getValue().write(zip);
            zip.closeEntry();
        }
        zip.finish();
    }
}
