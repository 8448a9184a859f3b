package org.jnrf.network.transformer;

import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.layers.Init;
import org.jnrf.network.layers.Param;
import org.jnrf.testing.GradCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite-difference checks of the attention block, the whole encoder and the encoder over windows (double). */
class TransformerGradientTest {
    static final BertShape TINY = new BertShape(13, 10, 2, 8, 2, 2, 12, 1e-12);

    @BeforeAll
    static void singleThread() {
        ComputeThreads.set(1);
    }

    private static Scratch scratch() {
        return new Scratch(DataType.DOUBLE);
    }

    /** The gradient of a parameter as a dense matrix (row-sparse tables: the touched rows, zeros elsewhere). */
    static INDArray denseGrad(Param p) {
        if (!p.isRowSparse()) {
            return p.grad().dup();
        }
        INDArray dense = GradCheck.zerosLike(p.value());
        int[] rows = p.touchedRows();
        for (int i = 0; i < rows.length; i++) {
            dense.getRow(rows[i]).assign(p.rowGrad().getRow(i));
        }
        return dense;
    }

    private static void checkParams(List<Param> params, DoubleSupplier loss, int samples) {
        for (Param p : params) {
            GradCheck.check(p.name(), p.value(), denseGrad(p), loss, samples);
        }
    }

    @Test
    void attention() {
        SelfAttention att = new SelfAttention(0, 8, 2, new Init(1, DataType.DOUBLE));
        INDArray x = GradCheck.randn(2, 6, 8);
        INDArray w = GradCheck.randn(3, 6, 8);
        // the last key masked (padding)
        INDArray bias = BertEncoder.keyBias(new boolean[]{true, true, true, true, true, false}, DataType.DOUBLE);
        for (INDArray keyBias : new INDArray[]{null, bias}) {
            att.params().forEach(Param::zeroGrad);
            Scratch s = scratch();
            att.forward(x, keyBias, s.cache("a"));
            INDArray dx = att.backward(w.dup('f'), s.cache("a")).dup();
            DoubleSupplier loss = () -> GradCheck.project(att.forward(x, keyBias, scratch().cache("a")), w);
            GradCheck.check("attention.x", x, dx, loss, 48);
            checkParams(att.params(), loss, 6);
        }
    }

    @Test
    void maskedKeysChangeNothingForTheOtherPieces() {
        BertEncoder enc = new BertEncoder(TINY, new Init(5, DataType.DOUBLE));
        int[] ids = {2, 7, 4, 9, 3};
        INDArray alone = enc.forward(ids, null, scratch().cache("e"), false).dup();
        int[] padded = {2, 7, 4, 9, 3, 0, 0, 11};
        boolean[] attend = {true, true, true, true, true, false, false, false};
        INDArray withPadding = enc.forward(padded, BertEncoder.keyBias(attend, DataType.DOUBLE), scratch().cache("e"),
                false);
        INDArray firstRows = withPadding.get(NDArrayIndex.interval(0, 5), NDArrayIndex.all());
        assertEquals(0, firstRows.sub(alone).amaxNumber().doubleValue(), 1e-12);
        // and without the mask the padding does change them (the test can fail)
        INDArray unmasked = enc.forward(padded, null, scratch().cache("e"), false);
        assertTrue(unmasked.get(NDArrayIndex.interval(0, 5), NDArrayIndex.all()).sub(alone).amaxNumber()
                .doubleValue() > 1e-6);
    }

    @Test
    void wholeEncoder() {
        BertEncoder enc = new BertEncoder(TINY, new Init(6, DataType.DOUBLE));
        assertEquals(TINY.tensorNames(), enc.params().stream().map(Param::name).toList());
        int[] ids = {1, 5, 12, 5, 0, 8, 2};
        INDArray w = GradCheck.randn(7, ids.length, 8);
        enc.params().forEach(Param::zeroGrad);
        Scratch s = scratch();
        enc.forward(ids, null, s.cache("e"), true);
        enc.backward(w.dup('f'), s.cache("e"));
        // two entries of every tensor (each loss evaluation is a whole forward pass)
        checkParams(enc.params(), () -> GradCheck.project(enc.forward(ids, null, scratch().cache("e"), false), w), 2);
    }

    @Test
    void encoderOverWindows() {
        // 10 positions: windows of 8 pieces between [CLS] and [SEP], 19 pieces read in 3 overlapping windows
        BertEncoder enc = new BertEncoder(TINY, new Init(8, DataType.DOUBLE));
        WindowedEncoder windowed = new WindowedEncoder(enc, 1, 2);
        int[] ids = new int[19];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 3 + (i * 7) % 10;
        }
        assertEquals(3, windowed.windows(ids.length).windows().size());
        INDArray w = GradCheck.randn(9, ids.length, 8);
        enc.params().forEach(Param::zeroGrad);
        Scratch s = scratch();
        windowed.forward(ids, s.cache("w"), true);
        windowed.backward(w.dup('f'), s.cache("w"));
        // the tables (rows seen by one, two or three windows) and a weight at each end of the stack
        List<String> names = List.of(BertShape.wordEmbeddings(), BertShape.positionEmbeddings(),
                BertShape.layerPart(0, "query.weight"), BertShape.layerPart(1, "output.weight"));
        checkParams(enc.params().stream().filter(p -> names.contains(p.name())).toList(),
                () -> GradCheck.project(windowed.forward(ids, scratch().cache("w"), false), w), 8);
    }

    @Test
    void topLayersOnly() {
        BertEncoder enc = new BertEncoder(TINY, new Init(10, DataType.DOUBLE));
        enc.setTrainableTop(1);
        int[] ids = {1, 5, 12, 5};
        INDArray w = GradCheck.randn(11, ids.length, 8);
        enc.params().forEach(Param::zeroGrad);
        Scratch s = scratch();
        enc.forward(ids, null, s.cache("e"), true);
        enc.backward(w.dup('f'), s.cache("e"));
        for (Param p : enc.params()) {
            boolean top = p.name().startsWith(BertShape.PREFIX + "layer1.");
            assertEquals(top, p.isTrainable(), p.name());
            if (top && (p.name().endsWith("query.weight") || p.name().endsWith("outputNorm.gain"))) {
                GradCheck.check(p.name(), p.value(), denseGrad(p),
                        () -> GradCheck.project(enc.forward(ids, null, scratch().cache("e"), false), w), 3);
            }
        }
        enc.setTrainableTop(0);
        assertTrue(enc.params().stream().noneMatch(Param::isTrainable));
        enc.setTrainableTop(-1);
        assertTrue(enc.params().stream().allMatch(Param::isTrainable));
    }
}
