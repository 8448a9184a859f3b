package org.jnrf.text;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the initializers (the trained weights) of an ONNX model file without the ONNX schema classes: the file is
 * walked once, forwards, with protobuf-java's {@link CodedInputStream} over its wire format
 * ({@code ModelProto.graph} = field 7, {@code GraphProto.initializer} = field 5, {@code TensorProto} dims = 1,
 * data_type = 2, float_data = 4, name = 8, raw_data = 9, external_data = 13, data_location = 14), skipping the
 * bytes of every tensor it does not need, so memory stays at the size of the one tensor extracted and a model inside
 * a jar can be read as a stream. Only tensors stored inside the file are supported (not ONNX "external data").
 * Errors name the file and the byte position.
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
        Walk walk = new Walk(in, source, Set.of());
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
     * As {@link #readFloat(Path, String)} for a stream (not closed, and not read more than 8 bytes past the tensor);
     * {@code source} names it in error messages.
     */
    public static FloatTensor readFloat(InputStream in, String source, String name) throws IOException {
        Objects.requireNonNull(name, "name");
        return readFloats(in, source, Set.of(name)).get(name);
    }

    /**
     * The float32 initializers named in {@code names}, read in one pass over a stream (not closed, and not read more
     * than 8 bytes past the last of them); {@code source} names it in error messages. Memory: the tensors returned.
     */
    public static Map<String, FloatTensor> readFloats(InputStream in, String source, Set<String> names)
            throws IOException {
        Walk walk = new Walk(in, source, Set.copyOf(names));
        walk.run();
        if (walk.found.size() < names.size()) {
            List<String> missing = names.stream().filter(n -> !walk.found.containsKey(n)).sorted().toList();
            String known = walk.seen.stream().limit(12).map(TensorInfo::toString).collect(Collectors.joining(", "));
            throw new IOException(source + ": no initializer named '" + String.join("', '", missing)
                    + "' among its " + walk.seen.size() + " initializers" + (walk.seen.isEmpty() ? "" : " (" + known
                    + (walk.seen.size() > 12 ? ", ..." : "") + ")"));
        }
        return walk.found;
    }

    /**
     * Null when field {@code what} read with {@code tag} has wire type {@code wireType}, else the problem: a schema
     * mismatch, which means the file is not an ONNX model.
     */
    public static String wireTypeProblem(int tag, int wireType, String what) {
        return WireFormat.getTagWireType(tag) == wireType ? null : what + " has wire type "
                + WireFormat.getTagWireType(tag) + ", expected " + wireType + " (not an ONNX model file?)";
    }

    /** One forward pass over ModelProto -> GraphProto -> TensorProto, stopping at the wanted tensor. */
    private static final class Walk {
        /** The end passed to {@link #readTag} for the top-level message, which ends with the stream. */
        private static final long END_OF_STREAM = Long.MAX_VALUE;

        private final CodedInputStream in;
        private final String source;
        private final Set<String> wanted;
        final List<TensorInfo> seen = new ArrayList<>();
        final Map<String, FloatTensor> found = new HashMap<>();
        private boolean sawGraph;

        Walk(InputStream stream, String source, Set<String> wanted) {
            // a buffer of the widest fixed-size value: the decoder reads at most that far past the wanted tensor
            // (bigger fields bypass the buffer: raw data is read in CHUNKs, skipped data is skipped on the stream)
            this.in = CodedInputStream.newInstance(stream, Long.BYTES);
            in.setSizeLimit(Integer.MAX_VALUE); // protobuf's own limit; the default differs between versions
            this.source = source;
            this.wanted = wanted;
        }

        void run() throws IOException {
            try {
                model();
            } catch (InvalidProtocolBufferException e) {
                if (in.isAtEnd()) {
                    throw new EOFException(source + ": ends at byte " + position() + " (truncated file?)");
                }
                throw error(e.getMessage());
            }
        }

        private void model() throws IOException {
            int tag;
            while (!done() && (tag = readTag(END_OF_STREAM)) >= 0) {
                if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH) {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "ModelProto.graph");
                    long length = readLength();
                    sawGraph = true;
                    graph(position() + length);
                } else {
                    in.skipField(tag);
                }
            }
            if (!sawGraph && !done()) {
                throw new IOException(source + ": no graph (ModelProto field 7) in " + position()
                        + " bytes: not an ONNX model file");
            }
        }

        /** Whether every wanted tensor has been read (never for a listing, which reads to the end). */
        private boolean done() {
            return !wanted.isEmpty() && found.size() == wanted.size();
        }

        /** Bytes consumed so far. */
        private long position() {
            return in.getTotalBytesRead();
        }

        /** The next field's tag, or {@code -1} at {@code end}, the end of the enclosing message. */
        private int readTag(long end) throws IOException {
            if (end == END_OF_STREAM ? in.isAtEnd() : position() == end) {
                return -1;
            }
            if (position() > end) {
                throw error("a field runs past the end of its enclosing message");
            }
            return in.readTag();
        }

        /** A length prefix, checked to be one a protobuf field can have. */
        private long readLength() throws IOException {
            long length = in.readInt64();
            if (length < 0 || length > Integer.MAX_VALUE) {
                throw error("length " + length + " out of range");
            }
            return length;
        }

        private byte[] readBytes(long length) throws IOException {
            if (length > Integer.MAX_VALUE - 8) {
                throw error("a field of " + length + " bytes is too large to hold in memory");
            }
            return in.readRawBytes((int) length);
        }

        /** Checks the wire type of field {@code what}; a schema mismatch means the file is not what we think. */
        private void expect(int tag, int wireType, String what) throws IOException {
            String problem = wireTypeProblem(tag, wireType, what);
            if (problem != null) {
                throw error(problem);
            }
        }

        private IOException error(String problem) {
            return new IOException(source + ": byte " + position() + ": " + problem);
        }

        private void graph(long end) throws IOException {
            int tag;
            while (!done() && (tag = readTag(end)) >= 0) {
                if (WireFormat.getTagFieldNumber(tag) == GRAPH_INITIALIZER) {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "GraphProto.initializer");
                    long length = readLength();
                    tensor(position(), position() + length);
                } else {
                    in.skipField(tag);
                }
            }
        }

        private void tensor(long start, long end) throws IOException {
            TensorFields t = new TensorFields();
            int tag;
            while ((tag = readTag(end)) >= 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case TENSOR_DIMS -> {
                        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                            long packedEnd = readLength() + position();
                            while (position() < packedEnd) {
                                t.dims.add(in.readInt64());
                            }
                            if (position() != packedEnd) {
                                throw error("TensorProto.dims: a varint runs past the end of the packed field");
                            }
                        } else {
                            expect(tag, WireFormat.WIRETYPE_VARINT, "TensorProto.dims");
                            t.dims.add(in.readInt64());
                        }
                    }
                    case TENSOR_DATA_TYPE -> {
                        expect(tag, WireFormat.WIRETYPE_VARINT, "TensorProto.data_type");
                        t.dataType = (int) in.readInt64();
                    }
                    case TENSOR_NAME -> {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "TensorProto.name");
                        t.name = new String(readBytes(readLength()), java.nio.charset.StandardCharsets.UTF_8);
                    }
                    case TENSOR_DATA_LOCATION -> {
                        expect(tag, WireFormat.WIRETYPE_VARINT, "TensorProto.data_location");
                        t.external |= in.readInt64() == 1;
                    }
                    case TENSOR_EXTERNAL_DATA -> {
                        t.external = true;
                        in.skipField(tag);
                    }
                    case TENSOR_RAW_DATA -> {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "TensorProto.raw_data");
                        rawData(t, readLength());
                    }
                    case TENSOR_FLOAT_DATA -> floatData(t, tag);
                    default -> in.skipField(tag);
                }
            }
            String name = t.name == null ? "" : t.name;
            TensorInfo info = new TensorInfo(name, t.dataType, t.dims, t.external);
            seen.add(info);
            if (wanted.contains(name)) {
                found.put(name, extract(info, t, start));
            }
        }

        /** Decodes raw_data now when this is the wanted float tensor, keeps it when that is not yet known. */
        private void rawData(TensorFields t, long length) throws IOException {
            boolean nameKnown = t.name != null;
            if (wanted.isEmpty() || (nameKnown && !wanted.contains(t.name))
                    || (t.dataType != 0 && t.dataType != FLOAT)) {
                in.skipRawBytes((int) length); // not wanted, or of a type extract() will reject
            } else if (nameKnown && t.dataType == FLOAT) {
                t.raw = decodeFloats(length);
            } else {
                // non-canonical field order: name or type after the data; keep the bytes until the tensor ends
                t.rawBytes = readBytes(length);
            }
            t.rawLength = length;
        }

        private float[] decodeFloats(long length) throws IOException {
            if (length % Float.BYTES != 0) {
                throw error("raw_data of " + length + " bytes is not a whole number of float32 values");
            }
            if (length / Float.BYTES > Integer.MAX_VALUE - 8) {
                throw error("tensor of " + length / Float.BYTES + " values does not fit one array");
            }
            float[] values = new float[(int) (length / Float.BYTES)];
            int offset = 0;
            while (offset < values.length) {
                int n = Math.min(CHUNK / Float.BYTES, values.length - offset);
                ByteBuffer.wrap(in.readRawBytes(n * Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                        .get(values, offset, n);
                offset += n;
            }
            return values;
        }

        private void floatData(TensorFields t, int tag) throws IOException {
            boolean keep = !wanted.isEmpty() && (t.name == null || wanted.contains(t.name));
            if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                long length = readLength();
                if (!keep) {
                    in.skipRawBytes((int) length);
                    t.floatDataCount += length / Float.BYTES;
                    return;
                }
                float[] values = decodeFloats(length);
                for (float v : values) {
                    t.addFloat(v);
                }
            } else {
                expect(tag, WireFormat.WIRETYPE_FIXED32, "TensorProto.float_data");
                float v = Float.intBitsToFloat(in.readRawLittleEndian32());
                if (keep) {
                    t.addFloat(v);
                } else {
                    t.floatDataCount++;
                }
            }
        }

        private FloatTensor extract(TensorInfo info, TensorFields t, long start) throws IOException {
            String where = source + ": initializer '" + info.name() + "' (at byte " + start + ")";
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
