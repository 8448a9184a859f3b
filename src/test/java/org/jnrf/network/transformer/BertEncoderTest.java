package org.jnrf.network.transformer;

import org.jnrf.network.compute.HostKernels;
import org.jnrf.network.compute.Nd4jKernels;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.layers.Init;
import org.jnrf.network.layers.Param;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading pretrained weights by name, cutting layers, and the host kernels against the ND4J path. */
class BertEncoderTest {
    private static final BertShape SHAPE = new BertShape(30, 12, 2, 8, 3, 2, 16, 1e-12);
    private static final int[] IDS = {1, 7, 22, 5, 29, 2};

    private static Map<String, INDArray> weightsOf(BertEncoder encoder) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        encoder.params().forEach(p -> m.put(p.name(), p.value().dup()));
        return m;
    }

    private static INDArray run(BertEncoder encoder) {
        return encoder.forward(IDS, null, new Scratch(DataType.FLOAT).cache("e"), false).dup();
    }

    @Test
    void loadsEveryTensorByNameAndCutsLayers() {
        BertEncoder source = new BertEncoder(SHAPE, new Init(1, DataType.FLOAT));
        Map<String, INDArray> weights = weightsOf(source);
        BertEncoder loaded = BertEncoder.pretrained(SHAPE, 3, weights, DataType.FLOAT);
        assertEquals(run(source), run(loaded));
        assertTrue(run(new BertEncoder(SHAPE, new Init(2, DataType.FLOAT))).sub(run(source)).amaxNumber()
                .doubleValue() > 1e-3, "other weights give other states");
        // the first two layers only: the same as a two-layer encoder holding those weights
        BertEncoder cut = BertEncoder.pretrained(SHAPE, 2, weights, DataType.FLOAT);
        assertEquals(SHAPE.withLayers(2).tensorNames(), cut.params().stream().map(Param::name).toList());
        BertEncoder twoLayers = new BertEncoder(SHAPE.withLayers(2), new Init(3, DataType.FLOAT));
        Map<String, INDArray> firstTwo = new LinkedHashMap<>(weights);
        firstTwo.keySet().removeIf(n -> n.startsWith(BertShape.PREFIX + "layer2."));
        twoLayers.load(firstTwo);
        assertEquals(run(twoLayers), run(cut));
        assertThrows(IllegalArgumentException.class, () -> BertEncoder.pretrained(SHAPE, 4, weights, DataType.FLOAT));
    }

    @Test
    void namesTheTensorThatIsWrong() {
        Map<String, INDArray> weights = weightsOf(new BertEncoder(SHAPE, new Init(1, DataType.FLOAT)));
        String query = BertShape.layerPart(1, "query.weight");
        Map<String, INDArray> missing = new LinkedHashMap<>(weights);
        missing.remove(query);
        assertMessage(missing, query + " is missing");
        Map<String, INDArray> transposed = new LinkedHashMap<>(weights);
        transposed.put(BertShape.layerPart(0, "intermediate.weight"),
                weights.get(BertShape.layerPart(0, "intermediate.weight")).transpose().dup());
        assertMessage(transposed, BertShape.layerPart(0, "intermediate.weight") + " has shape [16, 8]");
        Map<String, INDArray> unknown = new LinkedHashMap<>(weights);
        unknown.put("bert.pooler.weight", weights.get(query));
        assertMessage(unknown, "unknown tensor bert.pooler.weight");
    }

    private static void assertMessage(Map<String, INDArray> weights, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BertEncoder.pretrained(SHAPE, 3, weights, DataType.FLOAT));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void hostKernelsComputeWhatTheNd4jPathComputes() {
        // the same weights in float on the host kernels and in double on the ND4J kernels: forward and gradients
        BertEncoder f = new BertEncoder(SHAPE, new Init(4, DataType.FLOAT));
        BertEncoder d = new BertEncoder(SHAPE, new Init(4, DataType.DOUBLE));
        WindowedEncoder wf = new WindowedEncoder(f, 1, 2);
        WindowedEncoder wd = new WindowedEncoder(d, 1, 2);
        int[] ids = new int[25]; // three windows of 10 pieces
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 3 + (i * 11) % 27;
        }
        Scratch sf = new Scratch(DataType.FLOAT, new HostKernels(2));
        Scratch sd = new Scratch(DataType.DOUBLE, Nd4jKernels.INSTANCE);
        INDArray yf = wf.forward(ids, sf.cache("w"), true);
        INDArray yd = wd.forward(ids, sd.cache("w"), true);
        assertClose("hidden states", yd, yf, 1e-4);
        INDArray dy = new Init(5, DataType.DOUBLE).normal(1, ids.length, 8, 'f');
        f.params().forEach(Param::zeroGrad);
        d.params().forEach(Param::zeroGrad);
        wf.backward(dy.castTo(DataType.FLOAT).dup('f'), sf.cache("w"));
        wd.backward(dy, sd.cache("w"));
        List<Param> pf = f.params();
        List<Param> pd = d.params();
        for (int i = 0; i < pf.size(); i++) {
            assertClose(pf.get(i).name(), TransformerGradientTest.denseGrad(pd.get(i)),
                    TransformerGradientTest.denseGrad(pf.get(i)), 2e-3);
        }
    }

    private static void assertClose(String what, INDArray expected, INDArray actual, double tol) {
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double diff = expected.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tol * scale, what + ": max difference " + diff);
    }
}
