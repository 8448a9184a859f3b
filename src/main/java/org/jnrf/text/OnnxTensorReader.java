package org.jnrf.text;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads the initializers (the trained weights) of an ONNX model file without an ONNX or protobuf library: the file
 * is walked once, forwards, in its protobuf wire format ({@code ModelProto.graph} = field 7,
 * {@code GraphProto.initializer} = field 5, {@code TensorProto} dims = 1, data_type = 2, float_data = 4, name = 8,
 * raw_data = 9, external_data = 13, data_location = 14), skipping the bytes of every tensor it does not need, so
 * memory stays at the size of the one tensor extracted and a model inside a jar can be read as a stream. Only
 * tensors stored inside the file are supported (not ONNX "external data"). Errors name the file and the byte
 * position.
 */
public final class OnnxTensorReader {
    /** {@code TensorProto.DataType} numbers, index = enum value. */
    private static final String[] DATA_TYPES = {"UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32",
        "INT64", "STRING", "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16",
        "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4", "FLOAT4E2M1"};
    public static final int FLOAT = 1;

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_EXTERNAL_DATA = 13;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int CHUNK = 1 << 16;

    /** One initializer as declared in the file. */
    public record TensorInfo(String name, int dataType, List<Long> shape, boolean external) {
        public TensorInfo {
            Objects.requireNonNull(name);
            shape = List.copyOf(shape);
        }

        /** The ONNX name of the data type, e.g. {@code FLOAT} or {@code INT64}. */
        public String dataTypeName() {
            return dataTypeName(dataType);
        }

        /** Number of values: the product of the dimensions (1 for a scalar). */
        public long valueCount() {
            long count = 1;
            for (long d : shape) {
                count *= d;
            }
            return count;
        }

        static String dataTypeName(int dataType) {
            return dataType >= 0 && dataType < DATA_TYPES.length ? DATA_TYPES[dataType] : "type " + dataType;
        }

        @Override
        public String toString() {
            return name + " " + dataTypeName() + " " + shape;
        }
    }

    /** A float32 tensor read from the file; its {@link #values()} are row-major (C order), as ONNX stores them. */
    public record FloatTensor(String name, List<Long> shape, float[] values) {
        public FloatTensor {
            shape = List.copyOf(shape);
        }

        /** First dimension of a matrix. */
        public int rows() {
            requireMatrix();
            return Math.toIntExact(shape.get(0));
        }

        /** Second dimension of a matrix. */
        public int columns() {
            requireMatrix();
            return Math.toIntExact(shape.get(1));
        }

        private void requireMatrix() {
            if (shape.size() != 2) {
                throw new IllegalStateException("tensor " + name + " has shape " + shape + ", not a matrix");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FloatTensor t && name.equals(t.name) && shape.equals(t.shape)
                    && Arrays.equals(values, t.values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, shape, Arrays.hashCode(values));
        }

        @Override
        public String toString() {
            return "FloatTensor[" + name + " " + shape + "]";
        }
    }

    private OnnxTensorReader() {
    }

    /** All initializers of the ONNX model file, in file order. */
    public static List<TensorInfo> list(Path onnx) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(onnx), CHUNK)) {
            return list(in, onnx.toString());
        }
    }

    /** As {@link #list(Path)} for a stream (not closed); {@code source} names it in error messages. */
    public static List<TensorInfo> list(InputStream in, String source) throws IOException {
        Walk walk = new Walk(new ProtobufInput(in, source), null);
        walk.run();
        return walk.seen;
    }

    /** The float32 initializer {@code name} of the ONNX model file. */
    public static FloatTensor readFloat(Path onnx, String name) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(onnx), CHUNK)) {
            return readFloat(in, onnx.toString(), name);
        }
    }

    /**
     * As {@link #readFloat(Path, String)} for a stream (not closed, and not read past the tensor);
     * {@code source} names it in error messages.
     */
    public static FloatTensor readFloat(InputStream in, String source, String name) throws IOException {
        Objects.requireNonNull(name, "name");
        Walk walk = new Walk(new ProtobufInput(in, source), name);
        walk.run();
        if (walk.found == null) {
            String known = walk.seen.stream().limit(12).map(TensorInfo::toString).collect(Collectors.joining(", "));
            throw new IOException(source + ": no initializer named '" + name + "' among its " + walk.seen.size()
                    + " initializers" + (walk.seen.isEmpty() ? "" : " (" + known
                    + (walk.seen.size() > 12 ? ", ..." : "") + ")"));
        }
        return walk.found;
    }

    /** One forward pass over ModelProto -> GraphProto -> TensorProto, stopping at the wanted tensor. */
    private static final class Walk {
        private final ProtobufInput in;
        private final String wanted;
        final List<TensorInfo> seen = new ArrayList<>();
        FloatTensor found;
        private boolean sawGraph;

        Walk(ProtobufInput in, String wanted) {
            this.in = in;
            this.wanted = wanted;
        }

        void run() throws IOException {
            long tag;
            while (found == null && (tag = in.readTag(Long.MAX_VALUE)) >= 0) {
                if (ProtobufInput.fieldNumber(tag) == MODEL_GRAPH) {
                    in.expect(tag, ProtobufInput.LENGTH_DELIMITED, "ModelProto.graph");
                    long length = in.readLength();
                    sawGraph = true;
                    graph(in.position() + length);
                } else {
                    in.skip(tag);
                }
            }
            if (!sawGraph && found == null) {
                throw new IOException(in.source() + ": no graph (ModelProto field 7) in " + in.position()
                        + " bytes: not an ONNX model file");
            }
        }

        private void graph(long end) throws IOException {
            long tag;
            while (found == null && (tag = in.readTag(end)) >= 0) {
                if (ProtobufInput.fieldNumber(tag) == GRAPH_INITIALIZER) {
                    in.expect(tag, ProtobufInput.LENGTH_DELIMITED, "GraphProto.initializer");
                    long length = in.readLength();
                    tensor(in.position(), in.position() + length);
                } else {
                    in.skip(tag);
                }
            }
        }

        private void tensor(long start, long end) throws IOException {
            TensorFields t = new TensorFields();
            long tag;
            while ((tag = in.readTag(end)) >= 0) {
                switch ((int) ProtobufInput.fieldNumber(tag)) {
                    case TENSOR_DIMS -> {
                        if (ProtobufInput.wireType(tag) == ProtobufInput.LENGTH_DELIMITED) {
                            long packedEnd = in.readLength() + in.position();
                            while (in.position() < packedEnd) {
                                t.dims.add(in.readVarint());
                            }
                            if (in.position() != packedEnd) {
                                throw in.error("TensorProto.dims: a varint runs past the end of the packed field");
                            }
                        } else {
                            in.expect(tag, ProtobufInput.VARINT, "TensorProto.dims");
                            t.dims.add(in.readVarint());
                        }
                    }
                    case TENSOR_DATA_TYPE -> {
                        in.expect(tag, ProtobufInput.VARINT, "TensorProto.data_type");
                        t.dataType = (int) in.readVarint();
                    }
                    case TENSOR_NAME -> {
                        in.expect(tag, ProtobufInput.LENGTH_DELIMITED, "TensorProto.name");
                        t.name = new String(in.readBytes(in.readLength()), java.nio.charset.StandardCharsets.UTF_8);
                    }
                    case TENSOR_DATA_LOCATION -> {
                        in.expect(tag, ProtobufInput.VARINT, "TensorProto.data_location");
                        t.external |= in.readVarint() == 1;
                    }
                    case TENSOR_EXTERNAL_DATA -> {
                        t.external = true;
                        in.skip(tag);
                    }
                    case TENSOR_RAW_DATA -> {
                        in.expect(tag, ProtobufInput.LENGTH_DELIMITED, "TensorProto.raw_data");
                        rawData(t, in.readLength());
                    }
                    case TENSOR_FLOAT_DATA -> floatData(t, tag);
                    default -> in.skip(tag);
                }
            }
            String name = t.name == null ? "" : t.name;
            TensorInfo info = new TensorInfo(name, t.dataType, t.dims, t.external);
            seen.add(info);
            if (wanted != null && wanted.equals(name)) {
                found = extract(info, t, start);
            }
        }

        /** Decodes raw_data now when this is the wanted float tensor, keeps it when that is not yet known. */
        private void rawData(TensorFields t, long length) throws IOException {
            boolean nameKnown = t.name != null;
            if (wanted == null || (nameKnown && !wanted.equals(t.name))
                    || (t.dataType != 0 && t.dataType != FLOAT)) {
                in.skipBytes(length); // not wanted, or of a type extract() will reject
            } else if (nameKnown && t.dataType == FLOAT) {
                t.raw = decodeFloats(length);
            } else {
                // non-canonical field order: name or type after the data; keep the bytes until the tensor ends
                t.rawBytes = in.readBytes(length);
            }
            t.rawLength = length;
        }

        private float[] decodeFloats(long length) throws IOException {
            if (length % Float.BYTES != 0) {
                throw in.error("raw_data of " + length + " bytes is not a whole number of float32 values");
            }
            if (length / Float.BYTES > Integer.MAX_VALUE - 8) {
                throw in.error("tensor of " + length / Float.BYTES + " values does not fit one array");
            }
            float[] values = new float[(int) (length / Float.BYTES)];
            byte[] chunk = new byte[(int) Math.min(CHUNK, length)];
            ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
            int offset = 0;
            while (offset < values.length) {
                int n = Math.min(chunk.length / Float.BYTES, values.length - offset);
                in.readFully(chunk, n * Float.BYTES);
                buffer.clear();
                buffer.asFloatBuffer().get(values, offset, n);
                offset += n;
            }
            return values;
        }

        private void floatData(TensorFields t, long tag) throws IOException {
            boolean keep = wanted == null ? false : t.name == null || wanted.equals(t.name);
            if (ProtobufInput.wireType(tag) == ProtobufInput.LENGTH_DELIMITED) {
                long length = in.readLength();
                if (!keep) {
                    in.skipBytes(length);
                    t.floatDataCount += length / Float.BYTES;
                    return;
                }
                float[] values = decodeFloats(length);
                for (float v : values) {
                    t.addFloat(v);
                }
            } else {
                in.expect(tag, ProtobufInput.FIXED32, "TensorProto.float_data");
                float v = Float.intBitsToFloat(in.readFixed32());
                if (keep) {
                    t.addFloat(v);
                } else {
                    t.floatDataCount++;
                }
            }
        }

        private FloatTensor extract(TensorInfo info, TensorFields t, long start) throws IOException {
            String where = in.source() + ": initializer '" + info.name() + "' (at byte " + start + ")";
            if (info.external()) {
                throw new IOException(where + " is stored in an external data file, which is not supported;"
                        + " save the model with all tensors inside the .onnx file");
            }
            if (info.dataType() != FLOAT) {
                throw new IOException(where + " has data type " + info.dataTypeName() + ", expected FLOAT");
            }
            float[] values;
            if (t.raw != null) {
                values = t.raw;
            } else if (t.rawBytes != null) {
                if (t.rawBytes.length % Float.BYTES != 0) {
                    throw new IOException(where + ": raw_data of " + t.rawBytes.length
                            + " bytes is not a whole number of float32 values");
                }
                values = new float[t.rawBytes.length / Float.BYTES];
                ByteBuffer.wrap(t.rawBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            } else {
                values = Arrays.copyOf(t.floats, t.floatDataCount);
            }
            if (t.rawLength >= 0 && t.floatDataCount > 0) {
                throw new IOException(where + " has both raw_data and float_data");
            }
            if (values.length != info.valueCount()) {
                throw new IOException(where + " holds " + values.length + " values, its shape " + info.shape()
                        + " needs " + info.valueCount());
            }
            return new FloatTensor(info.name(), info.shape(), values);
        }
    }

    /** The fields of one TensorProto while it is read. */
    private static final class TensorFields {
        final List<Long> dims = new ArrayList<>(4);
        String name;
        int dataType;
        boolean external;
        long rawLength = -1;
        float[] raw;
        byte[] rawBytes;
        float[] floats = new float[0];
        int floatDataCount;

        void addFloat(float v) {
            if (floatDataCount == floats.length) {
                floats = Arrays.copyOf(floats, Math.max(16, floats.length * 2));
            }
            floats[floatDataCount++] = v;
        }
    }
}
