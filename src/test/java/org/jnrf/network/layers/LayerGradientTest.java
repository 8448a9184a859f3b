package org.jnrf.network.layers;

import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.fourier.FourierMixer;
import org.jnrf.network.fourier.FourierMixers;
import org.jnrf.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finite-difference checks of every layer's backward pass (double precision, small sizes). */
class LayerGradientTest {
    private static final int SAMPLES = 40;

    private static Scratch scratch() {
        return new Scratch(DataType.DOUBLE);
    }

    private static void zero(List<Param> params) {
        params.forEach(Param::zeroGrad);
    }

    @org.junit.jupiter.api.BeforeAll
    static void singleThread() {
        ComputeThreads.set(1);
    }

    @Test
    void linear() {
        Linear lin = new Linear("lin", 5, 7, new Init(1, DataType.DOUBLE));
        INDArray x = GradCheck.randn(2, 6, 5);
        INDArray w = GradCheck.randn(3, 6, 7);
        zero(lin.params());
        Scratch s = scratch();
        lin.forward(x, s.cache("l"));
        INDArray dx = lin.backward(w, s.cache("l"), true).dup();
        GradCheck.check("linear.x", x, dx, () -> GradCheck.project(lin.forward(x, scratch().cache("l")), w), SAMPLES);
        for (Param p : lin.params()) {
            GradCheck.check(p.name(), p.value(), p.grad().dup(),
                    () -> GradCheck.project(lin.forward(x, scratch().cache("l")), w), SAMPLES);
        }
    }

    @Test
    void contextWindow() {
        INDArray x = GradCheck.randn(11, 6, 4);
        INDArray w = GradCheck.randn(12, 6, 4 * 5);
        Scratch s = scratch();
        INDArray y = ContextWindow.forward(x, 2, s.cache("c"));
        assertEquals(4 * 5, y.columns());
        // row 3 = [x1, x2, x3, x4, x5]; row 0 starts with two zero blocks
        for (int j = 0; j < 5; j++) {
            assertEquals(x.getDouble(1 + j, 2), y.getDouble(3, j * 4 + 2), 0);
        }
        assertEquals(0, y.getRow(0).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 8)).normmaxNumber()
                .doubleValue(), 0);
        INDArray dx = ContextWindow.backward(w, 2, s.cache("c")).dup();
        GradCheck.check("window.x", x, dx, () -> GradCheck.project(ContextWindow.forward(x, 2, scratch().cache("c")),
                w), SAMPLES);
        // the host fast path (float, 'f' order) computes what the generic path computes
        Scratch f = new Scratch(DataType.FLOAT);
        INDArray yf = ContextWindow.forward(x.castTo(DataType.FLOAT).dup('f'), 2, f.cache("c"));
        assertEquals(0, yf.castTo(DataType.DOUBLE).sub(y).normmaxNumber().doubleValue(), 1e-6);
        INDArray dxf = ContextWindow.backward(w.castTo(DataType.FLOAT).dup('f'), 2, f.cache("c"));
        assertEquals(0, dxf.castTo(DataType.DOUBLE).sub(dx).normmaxNumber().doubleValue(), 1e-5);
        assertEquals(x, ContextWindow.forward(x, 0, s.cache("c0")));
    }

    @Test
    void gelu() {
        INDArray x = GradCheck.randn(4, 6, 5).muli(2);
        INDArray w = GradCheck.randn(5, 6, 5);
        Scratch s = scratch();
        INDArray y = Gelu.forward(x, s.cache("g"));
        // tanh form at a known point
        double v = x.getDouble(0, 0);
        double expected = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
        assertEquals(expected, y.getDouble(0, 0), 1e-12);
        INDArray dx = Gelu.backward(w.dup(), s.cache("g")).dup();
        GradCheck.check("gelu.x", x, dx, () -> GradCheck.project(Gelu.forward(x, scratch().cache("g")), w), 30);
    }

    @Test
    void layerNorm() {
        LayerNorm ln = new LayerNorm("ln", 8, new Init(1, DataType.DOUBLE));
        ln.params().get(0).value().assign(GradCheck.randn(9, 1, 8));
        ln.params().get(1).value().assign(GradCheck.randn(10, 1, 8));
        INDArray x = GradCheck.randn(6, 5, 8).muli(3).addi(1);
        INDArray w = GradCheck.randn(7, 5, 8);
        zero(ln.params());
        Scratch s = scratch();
        INDArray y = ln.forward(x, s.cache("n"));
        // a normalised row has mean = mean(bias) structure; check one row by hand
        INDArray row = x.getRow(0);
        double mean = row.meanNumber().doubleValue();
        double var = row.sub(mean).mul(row.sub(mean)).meanNumber().doubleValue();
        double expected = (x.getDouble(0, 3) - mean) / Math.sqrt(var + 1e-5)
                * ln.params().get(0).value().getDouble(0, 3) + ln.params().get(1).value().getDouble(0, 3);
        assertEquals(expected, y.getDouble(0, 3), 1e-10);
        INDArray dx = ln.backward(w, s.cache("n")).dup();
        GradCheck.check("layernorm.x", x, dx, () -> GradCheck.project(ln.forward(x, scratch().cache("n")), w), SAMPLES);
        for (Param p : ln.params()) {
            GradCheck.check(p.name(), p.value(), p.grad().dup(),
                    () -> GradCheck.project(ln.forward(x, scratch().cache("n")), w), SAMPLES);
        }
    }

    @Test
    void embeddingAccumulatesRepeatedIds() {
        Embedding emb = new Embedding("emb", 11, 4, new Init(3, DataType.DOUBLE));
        Param table = emb.params().get(0);
        int[] ids = {3, 7, 3, 0, 10, 7, 3};
        INDArray w = GradCheck.randn(8, ids.length, 4);
        zero(emb.params());
        Scratch s = scratch();
        INDArray y = emb.forward(ids, s.cache("e"));
        assertEquals(table.value().getDouble(7, 2), y.getDouble(1, 2), 0);
        emb.backward(w, s.cache("e"));
        int[] rows = table.touchedRows();
        assertEquals(List.of(0, 3, 7, 10), java.util.Arrays.stream(rows).boxed().toList());
        INDArray dense = GradCheck.zerosLike(table.value());
        for (int i = 0; i < rows.length; i++) {
            dense.getRow(rows[i]).assign(table.rowGrad().getRow(i));
        }
        GradCheck.check("embedding.table", table.value(), dense,
                () -> GradCheck.project(emb.forward(ids, scratch().cache("e")), w), 44);
    }

    @Test
    void positionalEncodingAnyLength() {
        PositionalEncoding pe = new PositionalEncoding(6, DataType.DOUBLE);
        // a short table first: the values for a longer one are computed anew, and shorter ones are prefixes
        INDArray shortTable = pe.table(7);
        INDArray t = pe.table(20_001);
        assertEquals(Math.sin(20_000), t.getDouble(20_000, 0), 1e-9);
        assertEquals(Math.cos(20_000 * Math.exp(-Math.log(10000.0) * 2 / 6)), t.getDouble(20_000, 3), 1e-9);
        assertEquals(shortTable, pe.table(7));
        assertEquals(shortTable, t.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 7),
                org.nd4j.linalg.indexing.NDArrayIndex.all()));
        PositionalEncoding floatEncoding = new PositionalEncoding(6, DataType.FLOAT);
        floatEncoding.table(400);
        INDArray floats = floatEncoding.table(300); // copied out of the values computed for 400 positions
        assertEquals(DataType.FLOAT, floats.dataType());
        assertEquals('f', floats.ordering());
        assertEquals(Math.cos(299 * Math.exp(-Math.log(10000.0) * 4 / 6)), floats.getDouble(299, 5), 1e-6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jtransforms", "matmul"})
    void fnetLayerTiedTwice(String mixerName) {
        FourierMixer mixer = FourierMixers.create(mixerName, 2);
        FNetEncoder enc = new FNetEncoder(6, 2, 2, true, mixer, new Init(4, DataType.DOUBLE));
        INDArray x = GradCheck.randn(11, 7, 6);
        INDArray w = GradCheck.randn(12, 7, 6);
        zero(enc.params());
        Scratch s = scratch();
        enc.forward(x, s.cache("enc"), true);
        INDArray dx = enc.backward(w, s.cache("enc")).dup();
        GradCheck.check("fnet.x", x, dx,
                () -> GradCheck.project(enc.forward(x, scratch().cache("enc"), false), w), 20);
        for (Param p : enc.params()) {
            GradCheck.check(p.name(), p.value(), p.grad().dup(),
                    () -> GradCheck.project(enc.forward(x, scratch().cache("enc"), false), w), 6);
        }
    }

    @Test
    void fnetUntiedHasOneBlockPerLayer() {
        FourierMixer mixer = FourierMixers.create("matmul", 1);
        FNetEncoder tied = new FNetEncoder(6, 2, 3, true, mixer, new Init(4, DataType.DOUBLE));
        FNetEncoder untied = new FNetEncoder(6, 2, 3, false, mixer, new Init(4, DataType.DOUBLE));
        assertEquals(3 * tied.params().size(), untied.params().size());
        INDArray x = GradCheck.randn(11, 5, 6);
        INDArray w = GradCheck.randn(12, 5, 6);
        zero(untied.params());
        Scratch s = scratch();
        untied.forward(x, s.cache("enc"), true);
        INDArray dx = untied.backward(w, s.cache("enc")).dup();
        GradCheck.check("fnet.untied.x", x, dx,
                () -> GradCheck.project(untied.forward(x, scratch().cache("enc"), false), w), 15);
    }
}
