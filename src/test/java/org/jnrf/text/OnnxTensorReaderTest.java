package org.jnrf.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jnrf.text.OnnxTensorReader.FloatTensor;
import org.jnrf.text.OnnxTensorReader.TensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxTensorReaderTest {
    private static final float[] EMBEDDING = {0.5f, -1.25f, 3e-8f, Float.MIN_VALUE, -0f, 1234.5678f};

    @TempDir
    Path dir;

    /** A ModelProto with the fields a real exporter writes around the graph, and four initializers. */
    private static byte[] model() {
        ProtobufWriter positions = new ProtobufWriter().packedVarints(1, 1, 3).varint(2, 7).string(8, "position_ids")
                .bytes(9, new byte[24]);
        ProtobufWriter embedding = new ProtobufWriter().packedVarints(1, 3, 2).varint(2, 1)
                .string(8, "word_embeddings").bytes(9, ProtobufWriter.floats(EMBEDDING));
        // unpacked dims, unpacked float_data (both legal protobuf encodings)
        ProtobufWriter bias = new ProtobufWriter().varint(1, 2).varint(2, 1).fixed32(4, 7f).fixed32(4, -8f)
                .string(8, "bias");
        ProtobufWriter scale = new ProtobufWriter().packedVarints(1, 3).varint(2, 1)
                .bytes(4, ProtobufWriter.floats(1f, 2f, 3f)).string(8, "scale");
        ProtobufWriter node = new ProtobufWriter().string(1, "input_ids").string(2, "gathered").string(4, "Gather");
        ProtobufWriter graph = new ProtobufWriter().message(1, node).string(2, "main_graph")
                .message(5, positions).message(5, embedding).message(5, bias).message(5, scale)
                .message(11, new ProtobufWriter().string(1, "input_ids"));
        return new ProtobufWriter().varint(1, 8).string(2, "pytorch").string(3, "2.1")
                .message(8, new ProtobufWriter().varint(2, 14)).message(7, graph)
                .message(14, new ProtobufWriter().string(1, "k").string(2, "v")).toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void listsInitializersInFileOrder() throws IOException {
        List<TensorInfo> tensors = OnnxTensorReader.list(write("m.onnx", model()));
        assertEquals(List.of(new TensorInfo("position_ids", 7, List.of(1L, 3L), false),
                new TensorInfo("word_embeddings", 1, List.of(3L, 2L), false),
                new TensorInfo("bias", 1, List.of(2L), false),
                new TensorInfo("scale", 1, List.of(3L), false)), tensors);
        assertEquals("INT64", tensors.get(0).dataTypeName());
        assertEquals(6, tensors.get(1).valueCount());
    }

    @Test
    void readsRawDataExactly() throws IOException {
        FloatTensor t = OnnxTensorReader.readFloat(write("m.onnx", model()), "word_embeddings");
        assertEquals(List.of(3L, 2L), t.shape());
        assertEquals(3, t.rows());
        assertEquals(2, t.columns());
        for (int i = 0; i < EMBEDDING.length; i++) {
            assertEquals(Float.floatToRawIntBits(EMBEDDING[i]), Float.floatToRawIntBits(t.values()[i]), "value " + i);
        }
    }

    @Test
    void readsPackedAndUnpackedFloatData() throws IOException {
        Path file = write("m.onnx", model());
        assertArrayEquals(new float[] {7f, -8f}, OnnxTensorReader.readFloat(file, "bias").values());
        assertArrayEquals(new float[] {1f, 2f, 3f}, OnnxTensorReader.readFloat(file, "scale").values());
    }

    @Test
    void readsFromAStreamAndStopsAfterTheTensor() throws IOException {
        byte[] bytes = model();
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        FloatTensor t = OnnxTensorReader.readFloat(in, "jar entry", "word_embeddings");
        assertArrayEquals(EMBEDDING, t.values());
        assertTrue(in.available() > 0, "the rest of the model is left unread");
    }

    @Test
    void nameAfterTheDataStillFindsTheTensor() throws IOException {
        float[] values = {1.5f, 2.5f, -3.5f, 4.5f};
        ProtobufWriter tensor = new ProtobufWriter().bytes(9, ProtobufWriter.floats(values)).string(8, "late")
                .packedVarints(1, 2, 2).varint(2, 1);
        byte[] bytes = new ProtobufWriter().message(7, new ProtobufWriter().message(5, tensor)).toByteArray();
        FloatTensor t = OnnxTensorReader.readFloat(write("late.onnx", bytes), "late");
        assertArrayEquals(values, t.values());
        assertEquals(List.of(2L, 2L), t.shape());
    }

    @Test
    void largeTensorSpanningManyReadChunks() throws IOException {
        float[] values = new float[100_003];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i) * i;
        }
        ProtobufWriter tensor = new ProtobufWriter().packedVarints(1, values.length).varint(2, 1).string(8, "big")
                .bytes(9, ProtobufWriter.floats(values));
        byte[] bytes = new ProtobufWriter().message(7, new ProtobufWriter().message(5, tensor)).toByteArray();
        assertArrayEquals(values, OnnxTensorReader.readFloat(write("big.onnx", bytes), "big").values());
    }

    @Test
    void missingTensorNamesTheFileAndTheInitializersThere() throws IOException {
        Path file = write("m.onnx", model());
        IOException e = assertThrows(IOException.class, () -> OnnxTensorReader.readFloat(file, "nope"));
        assertTrue(e.getMessage().startsWith(file + ": no initializer named 'nope' among its 4 initializers"),
                e.getMessage());
        assertTrue(e.getMessage().contains("word_embeddings FLOAT [3, 2]"), e.getMessage());
    }

    @Test
    void wrongDataTypeIsRejected() throws IOException {
        Path file = write("m.onnx", model());
        IOException e = assertThrows(IOException.class, () -> OnnxTensorReader.readFloat(file, "position_ids"));
        assertTrue(e.getMessage().contains(file + ": initializer 'position_ids'"), e.getMessage());
        assertTrue(e.getMessage().contains("has data type INT64, expected FLOAT"), e.getMessage());
    }

    @Test
    void everyTruncationFailsNamingTheFile() throws IOException {
        byte[] bytes = model();
        // the graph ends 2 + 5 bytes (metadata_props field) before the end of the file
        int graphEnd = bytes.length - new ProtobufWriter().message(14, new ProtobufWriter().string(1, "k")
                .string(2, "v")).toByteArray().length;
        for (int length = 0; length < graphEnd; length++) {
            Path file = write("cut.onnx", Arrays.copyOf(bytes, length));
            IOException e = assertThrows(IOException.class, () -> OnnxTensorReader.list(file), "length " + length);
            assertTrue(e.getMessage().startsWith(file.toString() + ":"), e.getMessage());
        }
        // cut inside the embedding's raw data: the wanted tensor itself is incomplete
        int inside = indexOf(bytes, ProtobufWriter.floats(EMBEDDING)) + 10;
        Path file = write("cut.onnx", Arrays.copyOf(bytes, inside));
        IOException e = assertThrows(IOException.class, () -> OnnxTensorReader.readFloat(file, "word_embeddings"));
        assertTrue(e.getMessage().startsWith(file + ": ends at byte " + inside), e.getMessage());
    }

    @Test
    void aFieldLongerThanItsMessageIsMalformed() throws IOException {
        byte[] tensor = new ProtobufWriter().packedVarints(1, 2).varint(2, 1).string(8, "w")
                .bytes(9, ProtobufWriter.floats(1, 2)).toByteArray();
        // the graph claims to end 4 bytes into the tensor's raw data
        byte[] graph = new ProtobufWriter().bytes(5, tensor).toByteArray();
        ProtobufWriter model = new ProtobufWriter();
        byte[] bytes = model.bytes(7, graph).varint(1, 8).toByteArray();
        bytes[1] = (byte) (graph.length - 4);
        Path file = write("bad.onnx", bytes);
        IOException e = assertThrows(IOException.class, () -> OnnxTensorReader.list(file));
        assertTrue(e.getMessage().startsWith(file + ": byte "), e.getMessage());
        assertTrue(e.getMessage().endsWith("a field runs past the end of its enclosing message"), e.getMessage());
    }

    @Test
    void valueCountMustMatchTheShape() throws IOException {
        ProtobufWriter tensor = new ProtobufWriter().packedVarints(1, 2, 3).varint(2, 1).string(8, "w")
                .bytes(9, ProtobufWriter.floats(1, 2, 3, 4, 5));
        Path file = write("w.onnx", new ProtobufWriter().message(7, new ProtobufWriter().message(5, tensor))
                .toByteArray());
        IOException e = assertThrows(IOException.class, () -> OnnxTensorReader.readFloat(file, "w"));
        assertTrue(e.getMessage().endsWith("holds 5 values, its shape [2, 3] needs 6"), e.getMessage());
    }

    @Test
    void externalDataIsRejected() throws IOException {
        ProtobufWriter tensor = new ProtobufWriter().packedVarints(1, 2).varint(2, 1).string(8, "w")
                .message(13, new ProtobufWriter().string(1, "location").string(2, "weights.bin")).varint(14, 1);
        Path file = write("x.onnx", new ProtobufWriter().message(7, new ProtobufWriter().message(5, tensor))
                .toByteArray());
        assertTrue(OnnxTensorReader.list(file).get(0).external());
        IOException e = assertThrows(IOException.class, () -> OnnxTensorReader.readFloat(file, "w"));
        assertTrue(e.getMessage().contains("external data file"), e.getMessage());
    }

    @Test
    void notAnOnnxFile() throws IOException {
        Path text = write("notes.txt", "Patient took aspirin.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> OnnxTensorReader.list(text));
        assertTrue(e.getMessage().startsWith(text + ":"), e.getMessage());
        Path noGraph = write("empty.onnx", new ProtobufWriter().varint(1, 8).toByteArray());
        e = assertThrows(IOException.class, () -> OnnxTensorReader.list(noGraph));
        assertEquals(noGraph + ": no graph (ModelProto field 7) in 2 bytes: not an ONNX model file", e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
