package org.jnrf.network.compute;

import org.jnrf.network.EntitySpan;
import org.jnrf.network.SpanPooling;
import org.jnrf.network.TokenRange;
import org.jnrf.network.layers.Embedding;
import org.jnrf.network.layers.Init;
import org.jnrf.network.layers.Param;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host kernels (CPU fast path) compute what the ND4J kernels compute; the ND4J kernels are covered by the
 * double-precision gradient checks.
 */
class KernelsTest {
    private static final Kernels HOST = new HostKernels(2);
    private static final Kernels ND4J = Nd4jKernels.INSTANCE;

    private static INDArray rand(long seed, long rows, long cols) {
        return new Init(seed, DataType.FLOAT).normal(2.0, rows, cols, 'f');
    }

    private static INDArray empty(long rows, long cols) {
        return Nd4j.create(DataType.FLOAT, new long[]{rows, cols}, 'f');
    }

    private static void close(String what, INDArray expected, INDArray actual) {
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        assertTrue(diff <= 2e-5 * scale, what + ": max difference " + diff);
    }

    @ParameterizedTest
    @CsvSource({"1,5", "7,3", "64,48", "301,67", "1000,96", "1001,97", "3,5000", "2050,7", "9001,5"})
    void hostKernelsMatchNd4j(int rows, int cols) {
        INDArray x = rand(rows, rows, cols);
        INDArray dy = rand(rows + 1, rows, cols);
        INDArray gain = rand(3, 1, cols);
        INDArray bias = rand(4, 1, cols);

        INDArray addA = x.dup('f');
        INDArray addB = x.dup('f');
        ND4J.add(addA, dy);
        HOST.add(addB, dy);
        close("add", addA, addB);

        INDArray a = x.dup('f');
        INDArray b = x.dup('f');
        ND4J.addRowVector(a, bias);
        HOST.addRowVector(b, bias);
        close("addRowVector", a, b);

        for (char order : new char[]{'f', 'c'}) { // weight averages of 'f' matrices and 'c' embedding tables
            INDArray avgA = x.dup(order);
            INDArray avgB = x.dup(order);
            ND4J.movingAverage(avgA, dy.dup(order), 0.9);
            HOST.movingAverage(avgB, dy.dup(order), 0.9);
            close("movingAverage " + order, avgA, avgB);
            close("movingAverage " + order + " against its definition", x.mul(0.9).add(dy.mul(0.1)), avgB);
        }

        INDArray ga = gain.dup('f');
        INDArray gb = gain.dup('f');
        ND4J.addColumnSums(x, ga);
        HOST.addColumnSums(x, gb);
        close("addColumnSums", ga, gb);

        INDArray ya = empty(rows, cols);
        INDArray yb = empty(rows, cols);
        ND4J.gelu(x, ya);
        HOST.gelu(x, yb);
        close("gelu", ya, yb);
        ND4J.geluBackward(x, dy, ya);
        HOST.geluBackward(x, dy, yb);
        close("geluBackward", ya, yb);
        for (Kernels k : new Kernels[]{ND4J, HOST}) {
            INDArray inPlace = dy.dup('f');
            k.geluBackward(x, inPlace, inPlace);
            close(k.name() + " geluBackward in place", ya, inPlace);
        }

        INDArray xhA = empty(rows, cols);
        INDArray xhB = empty(rows, cols);
        INDArray invA = empty(rows, 1);
        INDArray invB = empty(rows, 1);
        ND4J.layerNorm(x, gain, bias, 1e-5, xhA, invA, ya);
        HOST.layerNorm(x, gain, bias, 1e-5, xhB, invB, yb);
        close("layerNorm.xhat", xhA, xhB);
        close("layerNorm.invStd", invA, invB);
        close("layerNorm.y", ya, yb);
        INDArray dgA = gain.dup('f');
        INDArray dgB = gain.dup('f');
        INDArray dbA = bias.dup('f');
        INDArray dbB = bias.dup('f');
        ND4J.layerNormBackward(dy, xhA, invA, gain, dgA, dbA, ya);
        HOST.layerNormBackward(dy, xhB, invB, gain, dgB, dbB, yb);
        close("layerNormBackward.dx", ya, yb);
        close("layerNormBackward.dGain", dgA, dgB);
        close("layerNormBackward.dBias", dbA, dbB);

        // fused kernels against the ND4J composition of the same steps
        INDArray r = rand(rows + 2, rows, cols);
        INDArray sumA = x.dup('f');
        INDArray yF = empty(rows, cols);
        ND4J.addLayerNorm(sumA, r, gain, bias, 1e-5, xhA, invA, ya);
        HOST.addLayerNorm(x.dup('f'), r, gain, bias, 1e-5, xhB, invB, yb);
        close("addLayerNorm.xhat", xhA, xhB);
        close("addLayerNorm.invStd", invA, invB);
        close("addLayerNorm.y", ya, yb);
        // the FNet block's backward pass recomputes the output from xhat: the same values exactly, on both paths
        for (Kernels k : new Kernels[]{ND4J, HOST}) {
            INDArray xh = k == HOST ? xhB : xhA;
            INDArray again = empty(rows, cols);
            k.layerNormOutput(xh, gain, bias, again);
            assertEquals(k == HOST ? yb : ya, again, k.name() + " layerNormOutput recomputes addLayerNorm's output");
        }
        HOST.addLayerNorm(x.dup('f'), r, gain, bias, 1e-5, null, null, yF);
        close("addLayerNorm without statistics", ya, yF);
        ND4J.addLayerNorm(x.dup('f'), r, gain, bias, 1e-5, null, null, yF);
        close("ND4J addLayerNorm without statistics", ya, yF);

        INDArray preA = x.dup('f');
        INDArray preB = x.dup('f');
        ND4J.biasGelu(preA, bias, ya, true);
        HOST.biasGelu(preB, bias, yb, true);
        close("biasGelu.input", preA, preB);
        close("biasGelu.y", ya, yb);
        INDArray untouched = x.dup('f');
        HOST.biasGelu(untouched, bias, yF, false);
        close("biasGelu without keeping the input", ya, yF);
        close("biasGelu leaves the input", x, untouched);
        // the FNet block's backward pass recomputes the output from the biased input: it must be the same exactly
        INDArray again = empty(rows, cols);
        HOST.gelu(preB, again);
        assertEquals(yb, again, "gelu of the biased input equals biasGelu's output");

        INDArray sA = bias.dup('f');
        INDArray sB = bias.dup('f');
        ND4J.geluBackwardBiasGrad(x, dy, ya, sA);
        HOST.geluBackwardBiasGrad(x, dy, yb, sB);
        close("geluBackwardBiasGrad.dx", ya, yb);
        close("geluBackwardBiasGrad.biasGrad", sA, sB);
        // in place (dx = dy), as the FNet block calls it, on both paths
        for (Kernels k : new Kernels[]{ND4J, HOST}) {
            INDArray inPlace = dy.dup('f');
            INDArray sums = bias.dup('f');
            k.geluBackwardBiasGrad(x, inPlace, inPlace, sums);
            close(k.name() + " geluBackwardBiasGrad in place", ya, inPlace);
            close(k.name() + " geluBackwardBiasGrad in place, biasGrad", sA, sums);
        }
    }

    @ParameterizedTest
    @CsvSource({"1,5", "7,3", "64,48", "301,67", "2050,7"})
    void attentionKernelsMatchNd4j(int rows, int cols) {
        INDArray x = rand(rows, rows, cols);
        INDArray dy = rand(rows + 1, rows, cols);
        INDArray ya = empty(rows, cols);
        INDArray yb = empty(rows, cols);
        ND4J.geluErf(x, ya);
        HOST.geluErf(x, yb);
        close("geluErf", ya, yb);
        ND4J.geluErfBackward(x, dy, ya);
        HOST.geluErfBackward(x, dy, yb);
        close("geluErfBackward", ya, yb);
        for (Kernels k : new Kernels[]{ND4J, HOST}) {
            INDArray inPlace = dy.dup('f');
            k.geluErfBackward(x, inPlace, inPlace);
            close(k.name() + " geluErfBackward in place", ya, inPlace);
        }
        // a masked key (large negative bias) takes no probability; every row sums to one
        INDArray keyBias = Nd4j.zeros(DataType.FLOAT, 1, cols);
        keyBias.putScalar(0, cols - 1, -1e30);
        for (INDArray bias : new INDArray[]{null, keyBias}) {
            ND4J.softmaxRows(x, bias, ya);
            HOST.softmaxRows(x, bias, yb);
            close("softmaxRows", ya, yb);
            close("softmax rows sum to one", Nd4j.ones(DataType.FLOAT, rows, 1), yb.sum(true, 1));
            if (bias != null && cols > 1) {
                assertEquals(0, yb.getColumn(cols - 1).amaxNumber().doubleValue(), 0, "masked key");
            }
            INDArray pa = ya.dup('f');
            INDArray pb = yb.dup('f');
            ND4J.softmaxRowsBackward(pa, dy, ya);
            HOST.softmaxRowsBackward(pb, dy, yb);
            close("softmaxRowsBackward", ya, yb);
            INDArray inPlace = dy.dup('f');
            HOST.softmaxRowsBackward(pb, inPlace, inPlace);
            close("softmaxRowsBackward in place", yb, inPlace);
        }
        // the host softmax in place (p = s)
        INDArray s = x.dup('f');
        HOST.softmaxRows(s, null, s);
        ND4J.softmaxRows(x, null, ya);
        close("softmaxRows in place", ya, s);
    }

    @org.junit.jupiter.api.Test
    void copyRowsMovesARowBlockBetweenMatricesOfOtherHeights() {
        INDArray window = rand(11, 40, 24);
        INDArray document = rand(12, 300, 24);
        for (Kernels k : new Kernels[]{ND4J, HOST}) {
            INDArray doc = document.dup('f');
            k.copyRows(window, 1, doc, 250, 38);
            assertEquals(window.get(NDArrayIndex.interval(1, 39), NDArrayIndex.all()),
                    doc.get(NDArrayIndex.interval(250, 288), NDArrayIndex.all()), k.name());
            assertEquals(document.get(NDArrayIndex.interval(0, 250), NDArrayIndex.all()),
                    doc.get(NDArrayIndex.interval(0, 250), NDArrayIndex.all()), k.name() + ": rows above kept");
            assertEquals(document.get(NDArrayIndex.interval(288, 300), NDArrayIndex.all()),
                    doc.get(NDArrayIndex.interval(288, 300), NDArrayIndex.all()), k.name() + ": rows below kept");
            INDArray win = window.dup('f');
            k.copyRows(document, 7, win, 0, 40);
            assertEquals(document.get(NDArrayIndex.interval(7, 47), NDArrayIndex.all()), win, k.name());
        }
    }

    @org.junit.jupiter.api.Test
    void geluErfIsTheExactForm() {
        // reference values of x Phi(x) (0.5 x (1 + erf(x / sqrt 2)) in double), not the tanh approximation
        double[][] known = {{-3, -0.0040496941}, {-1, -0.1586552539}, {-0.5, -0.1542687694}, {0.1, 0.0539827837},
                {1, 0.8413447461}, {2.5, 2.4844758367}};
        INDArray x = Nd4j.create(DataType.FLOAT, new long[]{1, known.length}, 'f');
        for (int i = 0; i < known.length; i++) {
            x.putScalar(0, i, known[i][0]);
        }
        for (Kernels k : new Kernels[]{ND4J, HOST}) {
            INDArray y = empty(1, known.length);
            k.geluErf(x, y);
            for (int i = 0; i < known.length; i++) {
                assertEquals(known[i][1], y.getDouble(0, i), 2e-7 + 2e-7 * Math.abs(known[i][1]),
                        k.name() + " gelu(" + known[i][0] + ")");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void spanPoolingHostPathMatchesNd4jPath() {
        INDArray tokens = rand(1, 20, 6);
        INDArray grad = rand(2, 3, 6);
        java.util.List<EntitySpan> spans = java.util.List.of(EntitySpan.of(0, 0, 1), EntitySpan.of(1, 4, 9),
                new EntitySpan(2, java.util.List.of(new TokenRange(10, 12), new TokenRange(15, 20)), 1));
        Scratch host = new Scratch(DataType.FLOAT, HOST);
        Scratch nd4j = new Scratch(DataType.FLOAT, ND4J);
        close("pool", SpanPooling.forward(tokens, spans, nd4j.cache("p")).dup(),
                SpanPooling.forward(tokens, spans, host.cache("p")).dup());
        INDArray a = rand(3, 20, 6);
        INDArray b = a.dup('f');
        SpanPooling.backward(grad, a, nd4j.cache("p"));
        SpanPooling.backward(grad, b, host.cache("p"));
        close("pool backward", a, b);
    }

    @ParameterizedTest
    @CsvSource({"130,0", "130,80", "1001,80"})
    void hostLayerNormKeepsPrecisionWhenTheMeanDwarfsTheSpread(int rows, double outlier) {
        // rows offset by 100 with a spread of about 2: float sums for the mean must not swamp xhat; an outlier
        // in the first column (and one further on) must not either
        int cols = 768;
        INDArray x = rand(11, rows, cols).addi(100.0);
        for (int r = 0; r < rows; r += 3) {
            x.putScalar(r, 0, 100 + outlier);
            x.putScalar(r, 500, 100 - outlier);
        }
        float[] v = x.dup('f').data().asFloat();
        INDArray xh = empty(rows, cols);
        HOST.layerNorm(x, Nd4j.ones(DataType.FLOAT, 1, cols), Nd4j.zeros(DataType.FLOAT, 1, cols), 1e-5, xh,
                empty(rows, 1), empty(rows, cols));
        double worst = 0;
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int c = 0; c < cols; c++) {
                mean += v[c * rows + r];
            }
            mean /= cols;
            double var = 0;
            for (int c = 0; c < cols; c++) {
                var += (v[c * rows + r] - mean) * (v[c * rows + r] - mean);
            }
            double inv = 1 / Math.sqrt(var / cols + 1e-5);
            for (int c = 0; c < cols; c++) {
                worst = Math.max(worst, Math.abs((v[c * rows + r] - mean) * inv - xh.getDouble(r, c)));
            }
        }
        assertTrue(worst < 1e-4, "xhat max difference " + worst);
    }

    @org.junit.jupiter.api.Test
    void rationalTanhIsAccurate() {
        for (double u = -12; u <= 12; u += 0.0137) {
            assertTrue(Math.abs(HostKernels.tanh((float) u) - Math.tanh((float) u)) < 3e-7, "tanh(" + u + ")");
        }
    }

    @org.junit.jupiter.api.Test
    void embeddingGradientInFloatSumsRepeatedIds() {
        Embedding emb = new Embedding("e", 9, 3, new Init(1, DataType.FLOAT));
        int[] ids = {4, 2, 4, 8};
        Scratch s = new Scratch(DataType.FLOAT, HOST);
        emb.forward(ids, s.cache("e"));
        INDArray dy = rand(5, 4, 3);
        emb.backward(dy, s.cache("e"));
        Param table = emb.params().get(0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[]{2, 4, 8}, table.touchedRows());
        close("row 2", dy.getRow(1).reshape(1, 3), table.rowGrad().getRow(0).reshape(1, 3));
        close("row 4", dy.getRow(0).add(dy.getRow(2)).reshape(1, 3), table.rowGrad().getRow(1).reshape(1, 3));
        close("row 8", dy.getRow(3).reshape(1, 3), table.rowGrad().getRow(2).reshape(1, 3));
    }

    @org.junit.jupiter.api.Test
    void embeddingHostLookupAndGradientMatchNd4jPath() {
        // 150 positions: more than one block of 64, repeated ids
        Embedding emb = new Embedding("e", 40, 7, new Init(2, DataType.FLOAT));
        int[] ids = new java.util.SplittableRandom(3).ints(150, 0, 40).toArray();
        Scratch host = new Scratch(DataType.FLOAT, HOST);
        Scratch nd4j = new Scratch(DataType.FLOAT, ND4J);
        INDArray expected = emb.forward(ids, nd4j.cache("e")).dup();
        close("lookup", expected, emb.forward(ids, host.cache("e")).dup());
        for (int pos = 0; pos < ids.length; pos += 37) {
            close("row of position " + pos, emb.params().get(0).value().getRow(ids[pos]).reshape(1, 7),
                    expected.getRow(pos).reshape(1, 7));
        }
        INDArray dy = rand(6, 150, 7);
        emb.backward(dy, host.cache("e"));
        Param table = emb.params().get(0);
        for (int i = 0; i < table.touchedRows().length; i++) {
            int id = table.touchedRows()[i];
            INDArray sum = Nd4j.zeros(DataType.FLOAT, 1, 7);
            for (int pos = 0; pos < ids.length; pos++) {
                if (ids[pos] == id) {
                    sum.addi(dy.getRow(pos).reshape(1, 7));
                }
            }
            close("gradient of row " + id, sum, table.rowGrad().getRow(i).reshape(1, 7));
        }
    }
}
