package org.jnrf.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/** Layer normalisation over the hidden dimension (each row), with gain and bias, eps 1e-5 (PyTorch default). */
public final class LayerNorm {
    private static final double EPS = 1e-5;
    private final Param gain;
    private final Param bias;

    public LayerNorm(String name, int size, Init init) {
        this.gain = Param.dense(name + ".gain", init.constant(1, 1, size));
        this.bias = Param.dense(name + ".bias", init.constant(0, 1, size));
    }

    public List<Param> params() {
        return List.of(gain, bias);
    }

    public INDArray forward(INDArray x, Cache cache) {
        long h = x.columns();
        INDArray xhat = cache.buffer("xhat", x.rows(), h);
        INDArray mean = x.mean(true, 1);
        xhat.assign(x).subiColumnVector(mean);
        INDArray invStd = xhat.norm2(true, 1);
        invStd.muli(invStd).divi(h).addi(EPS);
        Transforms.sqrt(invStd, false).rdivi(1);
        xhat.muliColumnVector(invStd);
        cache.keep("invStd", invStd);
        INDArray y = cache.buffer("y", x.rows(), h);
        y.assign(xhat).muliRowVector(gain.value()).addiRowVector(bias.value());
        return y;
    }

    public INDArray backward(INDArray dy, Cache cache) {
        INDArray xhat = cache.buffer("xhat", dy.rows(), dy.columns());
        INDArray invStd = cache.kept("invStd");
        INDArray tmp = cache.buffer("tmp", dy.rows(), dy.columns());
        bias.grad().addi(dy.sum(true, 0));
        tmp.assign(dy).muli(xhat);
        gain.grad().addi(tmp.sum(true, 0));
        // mean over the row of dxhat * xhat, with dxhat = dy * gain
        INDArray meanDxhatXhat = tmp.muliRowVector(gain.value()).mean(true, 1);
        INDArray dx = cache.buffer("dx", dy.rows(), dy.columns());
        dx.assign(dy).muliRowVector(gain.value());
        dx.subiColumnVector(dx.mean(true, 1));
        tmp.assign(xhat).muliColumnVector(meanDxhatXhat);
        dx.subi(tmp).muliColumnVector(invStd);
        return dx;
    }
}
