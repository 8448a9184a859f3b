package org.jnrf.embeddings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jnrf.embeddings.OnnxGraph.Node;
import org.jnrf.network.transformer.BertShape;
import org.jnrf.text.OnnxTensorReader;
import org.jnrf.text.OnnxTensorReader.TensorInfo;

/**
 * Finds a BERT-family encoder in an ONNX graph by following its nodes, never by the initializers' names or order
 * (exporters leave the MatMul weights unnamed, {@code onnx::MatMul_N}): the Gather of {@code input_ids} gives the
 * word table, the Adds after it the token-type and position tables, then the LayerNorm pattern; each layer is the
 * three MatMuls reading the layer input, told apart by where they meet (query and key in the score MatMul, value
 * after the Softmax), the output projection with its residual and LayerNorm, the intermediate MatMul followed by
 * BERT's erf GELU, and the output MatMul with its residual and LayerNorm. Heads come from the Reshape of the query,
 * the epsilon from the LayerNorm. The result maps each {@link BertShape} tensor name to an initializer name.
 */
public final class BertGraph {
    private static final double TOLERANCE = 1e-5;

    /** The encoder found: its shape and, per {@link BertShape} tensor name, the ONNX initializer holding it. */
    public record Mapping(BertShape shape, Map<String, String> initializers) {
        public Mapping {
            initializers = Map.copyOf(initializers);
        }
    }

    private final OnnxGraph graph;
    private final Map<String, String> names = new LinkedHashMap<>();
    private int width;
    private int heads = -1;
    private int intermediate = -1;
    private double eps = -1;

    private BertGraph(OnnxGraph graph) {
        this.graph = graph;
    }

    /** The encoder of {@code graph}; an IOException naming the file and the part not found otherwise. */
    public static Mapping map(OnnxGraph graph) throws IOException {
        return new BertGraph(graph).map();
    }

    private Mapping map() throws IOException {
        String hidden = embeddings();
        int layers = 0;
        while (hasLayer(hidden)) {
            hidden = layer(layers, hidden);
            layers++;
        }
        if (layers == 0) {
            throw fail("no transformer layer after the embeddings' LayerNorm (expected three MatMuls with weight"
                    + " initializers reading its output)");
        }
        if (!graph.outputs().contains(hidden)) {
            throw fail("the output of the last of the " + layers + " layers is not a graph output (outputs: "
                    + graph.outputs() + ")");
        }
        TensorInfo word = info(names.get(BertShape.wordEmbeddings()));
        BertShape shape = new BertShape(dim(word, 0), dim(info(names.get(BertShape.positionEmbeddings())), 0),
                dim(info(names.get(BertShape.tokenTypeEmbeddings())), 0), width, layers, heads, intermediate, eps);
        return new Mapping(shape, names);
    }

    // ---- embeddings

    /** Maps the three tables and their LayerNorm; returns the LayerNorm's output. */
    private String embeddings() throws IOException {
        Node word = gatherOf("input_ids").orElseThrow(() -> fail("no Gather of a FLOAT matrix initializer by the"
                + " graph input 'input_ids' (the word-piece table); graph inputs: " + graph.inputs()));
        String table = word.input(0);
        width = dim(info(table), 1);
        names.put(BertShape.wordEmbeddings(), table);
        String sum = word.output();
        for (int added = 0; ; added++) {
            Node add = single(sum, n -> n.opType().equals("Add"), null);
            if (add == null) {
                break;
            }
            String other = add.input(0).equals(sum) ? add.input(1) : add.input(0);
            Node gather = graph.producer(other).filter(n -> n.opType().equals("Gather") && isMatrix(n.input(0)))
                    .orElseThrow(() -> fail("the embeddings' Add '" + add.name() + "' adds something that is not"
                            + " a Gather of a table"));
            boolean tokenType = tracesTo(gather.input(1), "token_type_ids");
            String name = tokenType ? BertShape.tokenTypeEmbeddings() : BertShape.positionEmbeddings();
            if (names.containsKey(name)) {
                throw fail("two " + (tokenType ? "token-type" : "position") + " tables are added to the word"
                        + " embeddings");
            }
            if (dim(info(gather.input(0)), 1) != width) {
                throw fail("table '" + gather.input(0) + "' has shape " + info(gather.input(0)).shape()
                        + ", expected [rows, " + width + "]");
            }
            names.put(name, gather.input(0));
            sum = add.output();
        }
        for (String name : List.of(BertShape.tokenTypeEmbeddings(), BertShape.positionEmbeddings())) {
            if (!names.containsKey(name)) {
                throw fail("no " + (name.equals(BertShape.positionEmbeddings()) ? "position" : "token-type")
                        + " table added to the word embeddings");
            }
        }
        return layerNorm(sum, BertShape.embeddingNorm(), "the embeddings");
    }

    /** The Gather of a float matrix initializer indexed by graph input {@code input}. */
    private Optional<Node> gatherOf(String input) {
        return graph.consumers(input).stream()
                .filter(n -> n.opType().equals("Gather") && n.input(1).equals(input) && isMatrix(n.input(0)))
                .findFirst();
    }

    /** Whether {@code tensor} is graph input {@code input}, directly or through Cast/Reshape/Unsqueeze nodes. */
    private boolean tracesTo(String tensor, String input) {
        String t = tensor;
        for (int hops = 0; hops < 8; hops++) {
            if (t.equals(input)) {
                return true;
            }
            Optional<Node> p = graph.producer(t);
            if (p.isEmpty() || !Set.of("Cast", "Reshape", "Unsqueeze", "Expand").contains(p.get().opType())) {
                return false;
            }
            t = p.get().input(0);
        }
        return false;
    }

    // ---- layers

    private boolean hasLayer(String hidden) {
        return graph.consumers(hidden).stream().filter(this::isLinear).count() >= 3;
    }

    /** Maps layer {@code l} reading {@code hidden}; returns its output. */
    private String layer(int l, String hidden) throws IOException {
        String where = "layer " + l;
        List<Node> projections = graph.consumers(hidden).stream().filter(this::isLinear).toList();
        if (projections.size() != 3) {
            throw fail(where + ": " + projections.size() + " MatMuls with weight initializers read the layer input,"
                    + " expected 3 (query, key, value)");
        }
        Map<String, Node> roles = new LinkedHashMap<>();
        Map<String, String> biased = new LinkedHashMap<>();
        for (Node projection : projections) {
            String withBias = single(projection.output(), n -> n.opType().equals("Add"), where + ": no bias Add after "
                    + projection.describe()).output();
            Meeting meeting = meeting(withBias, where);
            String role;
            if (meeting.operand == 1 && producedBy(meeting.node.input(0), "Softmax")) {
                role = "value";
            } else {
                role = meeting.operand == 0 ? "query" : "key";
            }
            if (roles.put(role, projection) != null) {
                throw fail(where + ": two projections take the role of the " + role);
            }
            biased.put(role, withBias);
            if (role.equals("query")) {
                heads(meeting.reshape, where);
                scale(meeting.node, where);
            }
        }
        for (String role : List.of("query", "key", "value")) {
            if (!roles.containsKey(role)) {
                throw fail(where + ": no " + role + " projection (the three MatMuls do not meet as attention)");
            }
            linear(roles.get(role), BertShape.layerPart(l, role), width, width, where);
        }
        // value -> Reshape -> Transpose -> context MatMul (after Softmax) -> Transpose -> Reshape -> output MatMul
        Node context = meeting(biased.get("value"), where).node;
        Node outputProjection = forwardTo(context.output(), this::isLinear, Set.of("Transpose", "Reshape"))
                .orElseThrow(() -> fail(where + ": no output projection after the attention's context MatMul"));
        String attended = residual(linear(outputProjection, BertShape.layerPart(l, "attentionOutput"), width, width,
                where), hidden, where + ": attention output");
        String normed = layerNorm(attended, BertShape.layerPart(l, "attentionNorm"), where + ": attention output");
        Node up = graph.consumers(normed).stream().filter(this::isLinear).findFirst()
                .orElseThrow(() -> fail(where + ": no intermediate MatMul after the attention's LayerNorm"));
        int inner = dim(info(up.input(1)), 1);
        if (intermediate >= 0 && inner != intermediate) {
            throw fail(where + ": intermediate width " + inner + ", earlier layers have " + intermediate);
        }
        intermediate = inner;
        String activated = erfGelu(linear(up, BertShape.layerPart(l, "intermediate"), width, inner, where), where);
        Node down = graph.consumers(activated).stream().filter(this::isLinear).findFirst()
                .orElseThrow(() -> fail(where + ": no output MatMul after the intermediate GELU"));
        String out = residual(linear(down, BertShape.layerPart(l, "output"), inner, width, where), normed,
                where + ": output");
        return layerNorm(out, BertShape.layerPart(l, "outputNorm"), where + ": output");
    }

    /** Where a projection meets another activation in a MatMul, and the Reshape it went through on the way. */
    private record Meeting(Node node, int operand, Node reshape) {
    }

    private Meeting meeting(String tensor, String where) throws IOException {
        String t = tensor;
        Node reshape = null;
        for (int hops = 0; hops < 6; hops++) {
            List<Node> next = graph.consumers(t).stream()
                    .filter(n -> !n.opType().equals("Shape")).toList(); // exporters read shapes for Reshape
            if (next.size() != 1) {
                break;
            }
            Node n = next.get(0);
            if (n.opType().equals("MatMul") && !isInitializer(n.input(1)) && !isInitializer(n.input(0))) {
                return new Meeting(n, n.input(0).equals(t) ? 0 : 1, reshape);
            }
            if (n.opType().equals("Reshape")) {
                reshape = n;
            } else if (!n.opType().equals("Transpose")) {
                break;
            }
            t = n.output();
        }
        throw fail(where + ": a projection does not reach the attention's MatMuls through Reshape/Transpose");
    }

    /** Heads from the Reshape of the query to (batch, length, heads, head width). */
    private void heads(Node reshape, String where) throws IOException {
        if (reshape == null) {
            throw fail(where + ": no Reshape of the query into heads");
        }
        double[] target = reshapeTarget(reshape.input(1)).orElseThrow(() -> fail(where
                + ": the query's Reshape target is not built from constants (cannot tell the heads)"));
        if (target.length != 4 || target[2] < 1 || target[3] < 1 || target[2] * target[3] != width) {
            throw fail(where + ": the query is reshaped to " + java.util.Arrays.toString(target)
                    + ", expected (batch, length, heads, width / heads) with width " + width);
        }
        int h = (int) target[2];
        if (heads >= 0 && h != heads) {
            throw fail(where + ": " + h + " heads, earlier layers have " + heads);
        }
        heads = h;
    }

    /** A Reshape target: a constant, or a Concat whose trailing inputs are constants (NaN where not constant). */
    private Optional<double[]> reshapeTarget(String tensor) {
        Optional<double[]> constant = graph.constantValues(tensor);
        if (constant.isPresent()) {
            return constant;
        }
        Optional<Node> concat = graph.producer(tensor).filter(n -> n.opType().equals("Concat"));
        if (concat.isEmpty()) {
            return Optional.empty();
        }
        List<Double> parts = new ArrayList<>();
        for (String in : concat.get().inputs()) {
            Optional<double[]> v = graph.constantValues(in);
            if (v.isPresent()) {
                for (double d : v.get()) {
                    parts.add(d);
                }
            } else {
                parts.add(Double.NaN); // batch or length, read from the input's shape
            }
        }
        return Optional.of(parts.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Checks that the scores are divided by sqrt(head width) (or multiplied by its inverse), as BERT does. */
    private void scale(Node scores, String where) throws IOException {
        double expected = Math.sqrt((double) width / heads);
        Node next = single(scores.output(), n -> n.opType().equals("Div") || n.opType().equals("Mul"), null);
        Optional<double[]> c = next == null ? Optional.empty() : graph.constantValues(next.input(1));
        boolean ok = c.isPresent() && c.get().length == 1 && Math.abs((next.opType().equals("Div") ? c.get()[0]
                : 1 / c.get()[0]) - expected) < TOLERANCE * expected;
        if (!ok) {
            throw fail(where + ": the attention scores are not scaled by 1/sqrt(" + width / heads + ")");
        }
    }

    /** Checks BERT's exact GELU, x * 0.5 * (1 + erf(x / sqrt 2)), on {@code x}; returns its output. */
    private String erfGelu(String x, String where) throws IOException {
        Node gelu = single(x, n -> n.opType().equals("Gelu"), null);
        if (gelu != null) {
            OnnxGraph.Attribute approximate = gelu.attributes().get("approximate");
            if (approximate != null && !"none".equals(approximate.s())) {
                throw fail(where + ": the intermediate activation is an approximate GELU, not BERT's erf GELU");
            }
            return gelu.output();
        }
        String what = where + ": the intermediate activation is not BERT's erf GELU";
        Node div = single(x, n -> n.opType().equals("Div"), null);
        if (div == null || !constant(div.input(1), Math.sqrt(2))) {
            throw fail(what + " (no division by sqrt 2; tanh GELU is not supported)");
        }
        Node erf = require(single(div.output(), n -> n.opType().equals("Erf"), null), what);
        Node plusOne = require(single(erf.output(), n -> n.opType().equals("Add"), null), what);
        if (!constant(other(plusOne, erf.output()), 1)) {
            throw fail(what + " (erf + 1 expected)");
        }
        Node times = require(single(plusOne.output(), n -> n.opType().equals("Mul"), null), what);
        if (!other(times, plusOne.output()).equals(x)) {
            throw fail(what + " (x * (1 + erf) expected)");
        }
        Node half = require(single(times.output(), n -> n.opType().equals("Mul"), null), what);
        if (!constant(other(half, times.output()), 0.5)) {
            throw fail(what + " (a final * 0.5 expected)");
        }
        return half.output();
    }

    // ---- parts

    /** A MatMul by a FLOAT matrix initializer. */
    private boolean isLinear(Node n) {
        return n.opType().equals("MatMul") && isMatrix(n.input(1));
    }

    /** Maps a MatMul by a weight initializer and the Add of its bias; returns the Add's output. */
    private String linear(Node matmul, String prefix, int in, int out, String where) throws IOException {
        TensorInfo weight = info(matmul.input(1));
        if (dim(weight, 0) != in || dim(weight, 1) != out) {
            throw fail(where + ": weight '" + weight.name() + "' of " + prefix + " has shape " + weight.shape()
                    + ", expected [" + in + ", " + out + "]");
        }
        names.put(prefix + ".weight", weight.name());
        Node add = single(matmul.output(), n -> n.opType().equals("Add"), where + ": no bias Add after "
                + matmul.describe());
        String bias = other(add, matmul.output());
        requireVector(bias, out, where + ": bias of " + prefix);
        names.put(prefix + ".bias", bias);
        return add.output();
    }

    /** Checks that {@code branch} is added to {@code skip} (a residual); returns the sum. */
    private String residual(String branch, String skip, String where) throws IOException {
        Node add = single(branch, n -> n.opType().equals("Add"), where + ": no residual Add");
        if (!other(add, branch).equals(skip)) {
            throw fail(where + ": the residual Add does not add the sublayer's input");
        }
        return add.output();
    }

    /**
     * Maps the LayerNorm reading {@code x}: a LayerNormalization node, or the pattern exporters write for it
     * (ReduceMean, Sub, Pow 2, ReduceMean, Add eps, Sqrt, Div, Mul gain, Add bias). Returns its output.
     */
    private String layerNorm(String x, String prefix, String where) throws IOException {
        String what = where + ": no LayerNorm";
        Node fused = single(x, n -> n.opType().equals("LayerNormalization"), null);
        if (fused != null) {
            requireVector(fused.input(1), width, what + " gain");
            requireVector(fused.input(2), width, what + " bias");
            Float epsilon = Optional.ofNullable(fused.attributes().get("epsilon")).map(OnnxGraph.Attribute::f)
                    .orElse(1e-5f);
            return normMapped(prefix, fused.input(1), fused.input(2), epsilon, fused.output(), where);
        }
        Node mean = require(single(x, n -> n.opType().equals("ReduceMean"), null), what);
        Node centre = require(single(x, n -> n.opType().equals("Sub") && n.input(1).equals(mean.output()), null),
                what + " (x - mean expected)");
        Node square = require(single(centre.output(), n -> n.opType().equals("Pow"), null), what + " (Pow)");
        if (!constant(square.input(1), 2)) {
            throw fail(what + " (squares expected)");
        }
        Node variance = require(single(square.output(), n -> n.opType().equals("ReduceMean"), null),
                what + " (variance)");
        Node plusEps = require(single(variance.output(), n -> n.opType().equals("Add"), null), what + " (eps)");
        double[] epsilon = graph.constantValues(other(plusEps, variance.output()))
                .filter(v -> v.length == 1).orElseThrow(() -> fail(what + " (a constant epsilon expected)"));
        Node root = require(single(plusEps.output(), n -> n.opType().equals("Sqrt"), null), what + " (Sqrt)");
        Node divide = require(single(root.output(), n -> n.opType().equals("Div")
                && n.input(0).equals(centre.output()), null), what + " ((x - mean) / sqrt expected)");
        Node gain = require(single(divide.output(), n -> n.opType().equals("Mul"), null), what + " (gain)");
        Node bias = require(single(gain.output(), n -> n.opType().equals("Add"), null), what + " (bias)");
        String gainName = other(gain, divide.output());
        String biasName = other(bias, gain.output());
        requireVector(gainName, width, what + " gain");
        requireVector(biasName, width, what + " bias");
        return normMapped(prefix, gainName, biasName, epsilon[0], bias.output(), where);
    }

    private String normMapped(String prefix, String gain, String bias, double epsilon, String output, String where)
            throws IOException {
        if (eps >= 0 && Math.abs(epsilon - eps) > TOLERANCE * eps) {
            throw fail(where + ": LayerNorm epsilon " + epsilon + ", earlier ones have " + eps);
        }
        eps = epsilon;
        names.put(prefix + ".gain", gain);
        names.put(prefix + ".bias", bias);
        return output;
    }

    // ---- graph helpers

    /** The one consumer of {@code tensor} that {@code matches}; null (or a failure naming {@code missing}) if none. */
    private Node single(String tensor, Predicate<Node> matches, String missing) throws IOException {
        List<Node> found = graph.consumers(tensor).stream().filter(matches).toList();
        if (found.size() > 1) {
            throw fail("'" + tensor + "' is read by " + found.size() + " " + found.get(0).opType()
                    + " nodes where one was expected");
        }
        if (found.isEmpty() && missing != null) {
            throw fail(missing);
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** The first node reached from {@code tensor} that {@code matches}, passing only through {@code through}. */
    private Optional<Node> forwardTo(String tensor, Predicate<Node> matches, Set<String> through) {
        String t = tensor;
        for (int hops = 0; hops < 6; hops++) {
            List<Node> next = graph.consumers(t).stream().filter(n -> !n.opType().equals("Shape")).toList();
            if (next.size() != 1) {
                return Optional.empty();
            }
            if (matches.test(next.get(0))) {
                return Optional.of(next.get(0));
            }
            if (!through.contains(next.get(0).opType())) {
                return Optional.empty();
            }
            t = next.get(0).output();
        }
        return Optional.empty();
    }

    private boolean producedBy(String tensor, String opType) {
        return graph.producer(tensor).map(n -> n.opType().equals(opType)).orElse(false);
    }

    /** The input of a two-input node that is not {@code known}. */
    private static String other(Node n, String known) {
        return n.input(0).equals(known) ? n.input(1) : n.input(0);
    }

    private boolean constant(String tensor, double expected) {
        return graph.constantValues(tensor)
                .filter(v -> v.length == 1 && Math.abs(v[0] - expected) <= TOLERANCE * Math.abs(expected))
                .isPresent();
    }

    private Node require(Node n, String what) throws IOException {
        if (n == null) {
            throw fail(what);
        }
        return n;
    }

    private boolean isInitializer(String tensor) {
        return graph.initializer(tensor).isPresent();
    }

    private boolean isMatrix(String tensor) {
        return graph.initializer(tensor).map(c -> c.info().dataType() == OnnxTensorReader.FLOAT
                && c.info().shape().size() == 2).orElse(false);
    }

    private void requireVector(String tensor, int length, String what) throws IOException {
        TensorInfo info = info(tensor);
        if (info.dataType() != OnnxTensorReader.FLOAT || !info.shape().equals(List.of((long) length))) {
            throw fail(what + ": initializer '" + tensor + "' is " + info + ", expected FLOAT [" + length + "]");
        }
    }

    private TensorInfo info(String tensor) throws IOException {
        return graph.initializer(tensor).map(OnnxGraph.Constant::info)
                .orElseThrow(() -> fail("'" + tensor + "' is not an initializer (computed weights are not supported)"));
    }

    private int dim(TensorInfo info, int axis) throws IOException {
        if (info.shape().size() <= axis) {
            throw fail("initializer '" + info.name() + "' has shape " + info.shape() + ", expected a matrix");
        }
        return Math.toIntExact(info.shape().get(axis));
    }

    private IOException fail(String problem) {
        return new IOException(graph.source() + ": not a BERT-family encoder we can import: " + problem);
    }
}
