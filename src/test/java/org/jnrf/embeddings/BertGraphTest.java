package org.jnrf.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipFile;
import org.jnrf.embeddings.OnnxGraph.Attribute;
import org.jnrf.embeddings.OnnxGraph.Constant;
import org.jnrf.embeddings.OnnxGraph.Node;
import org.jnrf.network.transformer.BertShape;
import org.jnrf.testing.MiniLm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link BertGraph} on the real all-MiniLM-L6-v2 graph and on copies changed node by node: the shape follows what the
 * graph computes (heads, epsilon), and a graph that computes something else than BERT fails naming what differs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BertGraphTest {
    private OnnxGraph graph;

    @BeforeAll
    void read() throws IOException {
        try (ZipFile zip = new ZipFile(MiniLm.jar().toFile());
             InputStream in = new java.io.BufferedInputStream(zip.getInputStream(zip.getEntry(MiniLm.ONNX)))) {
            graph = OnnxGraph.read(in, MiniLm.ONNX);
        }
    }

    /** The graph with every node passed through {@code change}. */
    private OnnxGraph changed(UnaryOperator<Node> change) {
        List<Node> nodes = new ArrayList<>();
        graph.nodes().forEach(n -> nodes.add(change.apply(n)));
        return graph.withNodes(nodes);
    }

    /** A Constant node's scalar or vector replaced where {@code old} is its only value. */
    private static Node replaceConstant(Node n, double old, double value) {
        Attribute a = n.attributes().get("value");
        if (!n.opType().equals("Constant") || a == null || a.tensor().values() == null
                || a.tensor().values().length != 1 || Math.abs(a.tensor().values()[0] - old) > 1e-6 * Math.abs(old)) {
            return n;
        }
        Attribute changed = new Attribute(a.name(), a.f(), a.i(), a.s(), a.ints(),
                new Constant(a.tensor().info(), new double[] {value}));
        return new Node(n.name(), n.opType(), n.inputs(), n.outputs(), Map.of("value", changed));
    }

    private String failure(OnnxGraph g) {
        return assertThrows(IOException.class, () -> BertGraph.map(g)).getMessage();
    }

    @Test
    void theShapeIsWhatTheGraphComputes() throws IOException {
        BertShape shape = BertGraph.map(graph).shape();
        assertEquals(12, shape.heads());
        assertEquals(1e-12, shape.layerNormEps(), 1e-18);
        // another epsilon in every LayerNorm, and the shape says so
        BertShape eps5 = BertGraph.map(changed(n -> replaceConstant(n, 9.999999960041972E-13, 1e-5))).shape();
        assertEquals(1e-5, eps5.layerNormEps(), 1e-12);
        // 6 heads of 64 in every layer: the heads follow, and the 1/sqrt(32) scale no longer fits them
        OnnxGraph sixHeads = changed(n -> replaceConstant(replaceConstant(n, 12, 6), 32, 64));
        assertTrue(failure(sixHeads).endsWith("layer 0: the attention scores are not scaled by 1/sqrt(64)"),
                failure(sixHeads));
    }

    @Test
    void aGraphThatComputesSomethingElseFailsNamingWhat() {
        OnnxGraph tanh = changed(n -> n.opType().equals("Erf") && n.output().contains("layer.2")
                ? new Node(n.name(), "Tanh", n.inputs(), n.outputs(), n.attributes()) : n);
        assertEquals(MiniLm.ONNX + ": not a BERT-family encoder we can import: layer 2: the intermediate activation"
                + " is not BERT's erf GELU", failure(tanh));
        OnnxGraph relu = changed(n -> replaceConstant(n, Math.sqrt(2), 2));
        assertTrue(failure(relu).endsWith("layer 0: the intermediate activation is not BERT's erf GELU (no division"
                + " by sqrt 2; tanh GELU is not supported)"), failure(relu));
        OnnxGraph rms = changed(n -> n.opType().equals("Sub") && n.output().contains("layer.4/output/LayerNorm")
                ? new Node(n.name(), "Mul", n.inputs(), n.outputs(), n.attributes()) : n);
        assertTrue(failure(rms).endsWith("layer 4: output: no LayerNorm (x - mean expected)"), failure(rms));
        OnnxGraph noSoftmax = changed(n -> n.opType().equals("Softmax")
                ? new Node(n.name(), "Sigmoid", n.inputs(), n.outputs(), n.attributes()) : n);
        assertTrue(failure(noSoftmax).endsWith("layer 0: two projections take the role of the key"),
                failure(noSoftmax));
        OnnxGraph noWordTable = changed(n -> n.opType().equals("Gather") && n.inputs().contains("input_ids")
                ? new Node(n.name(), "Gather", List.of(n.input(0), "other_ids"), n.outputs(), n.attributes()) : n);
        assertTrue(failure(noWordTable).contains("no Gather of a FLOAT matrix initializer by the graph input"
                + " 'input_ids' (the word-piece table)"), failure(noWordTable));
    }
}
