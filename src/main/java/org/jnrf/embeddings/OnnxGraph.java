package org.jnrf.embeddings;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jnrf.text.OnnxTensorReader;
import org.jnrf.text.OnnxTensorReader.TensorInfo;

/**
 * The computation graph of an ONNX model file: its nodes (operator, inputs, outputs, attributes), its graph inputs
 * and outputs, and its initializers' names and shapes, read with protobuf-java's {@link CodedInputStream} over the
 * wire format (no ONNX schema classes) in one forward pass. The bytes of large tensors are skipped, so memory stays at
 * the size of the graph; the values of small tensors (at most {@link #SMALL} values: shapes, axes, epsilons) are kept,
 * whether they are initializers or {@code Constant} nodes. Errors name the file and the byte position.
 */
public final class OnnxGraph {
    /** Tensors with at most this many values keep their values. */
    static final int SMALL = 64;

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_FLOAT = 2;
    private static final int ATTRIBUTE_INT = 3;
    private static final int ATTRIBUTE_STRING = 4;
    private static final int ATTRIBUTE_TENSOR = 5;
    private static final int ATTRIBUTE_INTS = 8;
    private static final int VALUE_INFO_NAME = 1;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT32_DATA = 5;
    private static final int TENSOR_INT64_DATA = 7;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DOUBLE_DATA = 10;
    private static final int TENSOR_EXTERNAL_DATA = 13;
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    private static final int DOUBLE = 11;

    /** A tensor as the graph declares it; {@code values} (as doubles) only when it is small and stored in the file. */
    public record Constant(TensorInfo info, double[] values) {
    }

    /** One node: operator type, input and output tensor names (an empty name is an omitted optional input). */
    public record Node(String name, String opType, List<String> inputs, List<String> outputs,
                       Map<String, Attribute> attributes) {
        /** Input {@code i}, or "" when the node has fewer. */
        public String input(int i) {
            return i < inputs.size() ? inputs.get(i) : "";
        }

        public String output() {
            return outputs.get(0);
        }

        /** Names the node in error messages. */
        public String describe() {
            return opType + " node" + (name.isEmpty() ? "" : " '" + name + "'");
        }
    }

    /** The attribute values we read: a float, an int, a string, ints, or a (small) tensor. */
    public record Attribute(String name, Float f, Long i, String s, List<Long> ints, Constant tensor) {
    }

    private final String source;
    private final List<Node> nodes;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, Constant> initializers;
    private final Map<String, Node> producers = new HashMap<>();
    private final Map<String, List<Node>> consumers = new HashMap<>();

    private OnnxGraph(String source, List<Node> nodes, List<String> inputs, List<String> outputs,
                      Map<String, Constant> initializers) {
        this.source = source;
        this.nodes = List.copyOf(nodes);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.initializers = initializers;
        for (Node n : nodes) {
            for (String out : n.outputs()) {
                producers.put(out, n);
            }
            for (String in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
    }

    /** Reads the graph of a model file from a stream (not closed); {@code source} names it in error messages. */
    public static OnnxGraph read(InputStream in, String source) throws IOException {
        return new Reader(in, source).read();
    }

    /** The same graph with other nodes (to test what a graph that departs from this one gives). */
    OnnxGraph withNodes(List<Node> changed) {
        return new OnnxGraph(source, changed, inputs, outputs, initializers);
    }

    /** Names the file in error messages. */
    public String source() {
        return source;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** The graph inputs that are not initializers (the model's interface), in file order. */
    public List<String> inputs() {
        return inputs.stream().filter(i -> !initializers.containsKey(i)).toList();
    }

    public List<String> outputs() {
        return outputs;
    }

    /** The initializer named {@code name}, if there is one. */
    public Optional<Constant> initializer(String name) {
        return Optional.ofNullable(initializers.get(name));
    }

    /** The node computing {@code tensor}, if any (none for graph inputs and initializers). */
    public Optional<Node> producer(String tensor) {
        return Optional.ofNullable(producers.get(tensor));
    }

    /** The nodes reading {@code tensor}, in graph order. */
    public List<Node> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    /** The values of a small constant tensor: an initializer or the output of a {@code Constant} node. */
    public Optional<double[]> constantValues(String tensor) {
        Constant c = initializers.get(tensor);
        if (c == null) {
            Node n = producers.get(tensor);
            if (n != null && n.opType().equals("Constant") && n.attributes().containsKey("value")) {
                c = n.attributes().get("value").tensor();
            }
        }
        return c == null || c.values() == null ? Optional.empty() : Optional.of(c.values());
    }

    /** One forward pass over ModelProto -> GraphProto. */
    private static final class Reader {
        private final CodedInputStream in;
        private final String source;
        private final List<Node> nodes = new ArrayList<>();
        private final List<String> inputs = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();
        private final Map<String, Constant> initializers = new LinkedHashMap<>();
        private boolean sawGraph;

        Reader(InputStream stream, String source) {
            this.in = CodedInputStream.newInstance(stream, 1 << 16);
            in.setSizeLimit(Integer.MAX_VALUE);
            this.source = source;
        }

        OnnxGraph read() throws IOException {
            try {
                int tag;
                while ((tag = in.isAtEnd() ? -1 : in.readTag()) >= 0) {
                    if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH) {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "ModelProto.graph");
                        sawGraph = true;
                        graph(end());
                    } else {
                        in.skipField(tag);
                    }
                }
            } catch (InvalidProtocolBufferException e) {
                if (in.isAtEnd()) {
                    throw new EOFException(source + ": ends at byte " + position() + " (truncated file?)");
                }
                throw error(e.getMessage());
            }
            if (!sawGraph) {
                throw new IOException(source + ": no graph (ModelProto field 7) in " + position()
                        + " bytes: not an ONNX model file");
            }
            return new OnnxGraph(source, nodes, inputs, outputs, initializers);
        }

        private long position() {
            return in.getTotalBytesRead();
        }

        /** Reads a length prefix and returns where the field ends. */
        private long end() throws IOException {
            long length = in.readInt64();
            if (length < 0 || length > Integer.MAX_VALUE) {
                throw error("length " + length + " out of range");
            }
            return position() + length;
        }

        /** The next tag of a message ending at {@code end}, or -1 at its end. */
        private int tag(long end) throws IOException {
            if (position() == end) {
                return -1;
            }
            if (position() > end) {
                throw error("a field runs past the end of its enclosing message");
            }
            return in.readTag();
        }

        private void expect(int tag, int wireType, String what) throws IOException {
            String problem = OnnxTensorReader.wireTypeProblem(tag, wireType, what);
            if (problem != null) {
                throw error(problem);
            }
        }

        private IOException error(String problem) {
            return new IOException(source + ": byte " + position() + ": " + problem);
        }

        private String string(int tag, String what) throws IOException {
            expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, what);
            return new String(in.readByteArray(), StandardCharsets.UTF_8);
        }

        private void graph(long end) throws IOException {
            int tag;
            while ((tag = tag(end)) >= 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case GRAPH_NODE -> {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "GraphProto.node");
                        nodes.add(node(end()));
                    }
                    case GRAPH_INITIALIZER -> {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "GraphProto.initializer");
                        Constant c = tensor(end());
                        initializers.put(c.info().name(), c);
                    }
                    case GRAPH_INPUT -> inputs.add(valueInfoName(tag));
                    case GRAPH_OUTPUT -> outputs.add(valueInfoName(tag));
                    default -> in.skipField(tag);
                }
            }
        }

        private String valueInfoName(int tag) throws IOException {
            expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "GraphProto.input/output");
            long end = end();
            String name = "";
            int t;
            while ((t = tag(end)) >= 0) {
                if (WireFormat.getTagFieldNumber(t) == VALUE_INFO_NAME) {
                    name = string(t, "ValueInfoProto.name");
                } else {
                    in.skipField(t);
                }
            }
            return name;
        }

        private Node node(long end) throws IOException {
            List<String> nodeInputs = new ArrayList<>(3);
            List<String> nodeOutputs = new ArrayList<>(1);
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            String name = "";
            String op = "";
            int tag;
            while ((tag = tag(end)) >= 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case NODE_INPUT -> nodeInputs.add(string(tag, "NodeProto.input"));
                    case NODE_OUTPUT -> nodeOutputs.add(string(tag, "NodeProto.output"));
                    case NODE_NAME -> name = string(tag, "NodeProto.name");
                    case NODE_OP_TYPE -> op = string(tag, "NodeProto.op_type");
                    case NODE_ATTRIBUTE -> {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "NodeProto.attribute");
                        Attribute a = attribute(end());
                        attributes.put(a.name(), a);
                    }
                    default -> in.skipField(tag);
                }
            }
            if (nodeOutputs.isEmpty()) {
                throw error((op.isEmpty() ? "a node" : op + " node '" + name + "'") + " has no output");
            }
            return new Node(name, op, nodeInputs, nodeOutputs, attributes);
        }

        private Attribute attribute(long end) throws IOException {
            String name = "";
            Float f = null;
            Long i = null;
            String s = null;
            List<Long> ints = new ArrayList<>();
            Constant tensor = null;
            int tag;
            while ((tag = tag(end)) >= 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case ATTRIBUTE_NAME -> name = string(tag, "AttributeProto.name");
                    case ATTRIBUTE_FLOAT -> {
                        expect(tag, WireFormat.WIRETYPE_FIXED32, "AttributeProto.f");
                        f = in.readFloat();
                    }
                    case ATTRIBUTE_INT -> {
                        expect(tag, WireFormat.WIRETYPE_VARINT, "AttributeProto.i");
                        i = in.readInt64();
                    }
                    case ATTRIBUTE_STRING -> s = string(tag, "AttributeProto.s");
                    case ATTRIBUTE_INTS -> varints(tag, ints);
                    case ATTRIBUTE_TENSOR -> {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "AttributeProto.t");
                        tensor = tensor(end());
                    }
                    default -> in.skipField(tag);
                }
            }
            return new Attribute(name, f, i, s, List.copyOf(ints), tensor);
        }

        /** A repeated varint field, packed or not. */
        private void varints(int tag, List<Long> into) throws IOException {
            if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                long end = end();
                while (position() < end) {
                    into.add(in.readInt64());
                }
                if (position() != end) {
                    throw error("a packed varint runs past the end of its field");
                }
            } else {
                expect(tag, WireFormat.WIRETYPE_VARINT, "a repeated varint");
                into.add(in.readInt64());
            }
        }

        /** A TensorProto: its name, type and shape, and its values when it holds at most SMALL of them. */
        private Constant tensor(long end) throws IOException {
            List<Long> dims = new ArrayList<>(2);
            List<Long> longs = new ArrayList<>();
            List<Double> doubles = new ArrayList<>();
            byte[] raw = null;
            String name = "";
            int type = 0;
            boolean external = false;
            int tag;
            while ((tag = tag(end)) >= 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case TENSOR_DIMS -> varints(tag, dims);
                    case TENSOR_DATA_TYPE -> {
                        expect(tag, WireFormat.WIRETYPE_VARINT, "TensorProto.data_type");
                        type = (int) in.readInt64();
                    }
                    case TENSOR_NAME -> name = string(tag, "TensorProto.name");
                    case TENSOR_INT32_DATA, TENSOR_INT64_DATA -> varints(tag, longs);
                    case TENSOR_FLOAT_DATA -> {
                        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                            long fieldEnd = end();
                            while (position() < fieldEnd) {
                                doubles.add((double) in.readFloat());
                            }
                        } else {
                            doubles.add((double) in.readFloat());
                        }
                    }
                    case TENSOR_DOUBLE_DATA -> {
                        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                            long fieldEnd = end();
                            while (position() < fieldEnd) {
                                doubles.add(in.readDouble());
                            }
                        } else {
                            doubles.add(in.readDouble());
                        }
                    }
                    case TENSOR_RAW_DATA -> {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "TensorProto.raw_data");
                        long length = end() - position();
                        if (length <= 8L * SMALL) {
                            raw = in.readRawBytes((int) length);
                        } else {
                            in.skipRawBytes((int) length);
                        }
                    }
                    case TENSOR_EXTERNAL_DATA -> {
                        external = true;
                        in.skipField(tag);
                    }
                    default -> in.skipField(tag);
                }
            }
            TensorInfo info = new TensorInfo(name, type, dims, external);
            return new Constant(info, info.valueCount() <= SMALL ? values(info, raw, longs, doubles) : null);
        }

        private double[] values(TensorInfo info, byte[] raw, List<Long> longs, List<Double> doubles)
                throws IOException {
            int n = (int) info.valueCount();
            double[] values = new double[n];
            if (raw != null) {
                ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                int width = switch (info.dataType()) {
                    case OnnxTensorReader.FLOAT, INT32 -> 4;
                    case INT64, DOUBLE -> 8;
                    default -> 0;
                };
                if (width == 0) {
                    return null; // a type no shape or epsilon has
                }
                if (raw.length != n * width) {
                    throw error("tensor '" + info.name() + "' holds " + raw.length + " bytes, its shape "
                            + info.shape() + " of " + info.dataTypeName() + " needs " + n * width);
                }
                for (int k = 0; k < n; k++) {
                    values[k] = switch (info.dataType()) {
                        case OnnxTensorReader.FLOAT -> b.getFloat();
                        case INT32 -> b.getInt();
                        case INT64 -> b.getLong();
                        default -> b.getDouble();
                    };
                }
                return values;
            }
            List<? extends Number> typed = longs.isEmpty() ? doubles : longs;
            if (typed.size() != n) {
                return typed.isEmpty() && n > 0 ? null : failCount(info, typed.size());
            }
            for (int k = 0; k < n; k++) {
                values[k] = typed.get(k).doubleValue();
            }
            return values;
        }

        private double[] failCount(TensorInfo info, int count) throws IOException {
            throw error("tensor '" + info.name() + "' holds " + count + " values, its shape " + info.shape()
                    + " needs " + info.valueCount());
        }
    }
}
