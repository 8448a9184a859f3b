package org.jnrf.network.fourier;

import org.jnrf.network.compute.Cache;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Device path: the DFT as dense matrix products entirely in ND4J ops, so on a GPU backend nothing leaves the device.
 * Re(F_L X F_H) = C_L (X C_H) - S_L (X S_H). The hidden-side matrix [C_H | S_H] (H x 2H) is built once; the
 * sequence-side C_L and S_L are cached for the most recent lengths. Cost O(L H^2 + L^2 H) and O(L^2) memory: the
 * plain quadratic form is accepted (on a GPU an 8k-token document costs two 8k x 8k x H GEMMs per layer); no
 * four-step factorisation.
 */
public final class MatmulFourierMixer implements FourierMixer {
    private static final int MAX_CACHED_LENGTHS = 4;
    private final Map<Long, INDArray[]> sequenceMatrices = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Long, INDArray> hiddenMatrices = new LinkedHashMap<>();

    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public void mix(INDArray x, INDArray out, Cache cache) {
        long l = x.rows();
        long h = x.columns();
        DataType dt = x.dataType();
        INDArray csH = hidden(h, dt);
        INDArray[] csL = sequence(l, dt);
        INDArray xcs = cache.buffer("xcs", l, 2 * h);
        cache.kernels().gemm(x, csH, xcs, false, false, 1.0, 0.0);
        INDArray xc = xcs.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h));
        INDArray xs = xcs.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h));
        cache.kernels().gemm(csL[0], xc, out, false, false, 1.0, 0.0);
        cache.kernels().gemm(csL[1], xs, out, false, false, -1.0, 1.0);
    }

    private synchronized INDArray hidden(long h, DataType dt) {
        return hiddenMatrices.computeIfAbsent(h * 16 + dt.ordinal(), k -> {
            INDArray[] cs = cosSin(h, dt);
            return Nd4j.hstack(cs[0], cs[1]).dup('f');
        });
    }

    private synchronized INDArray[] sequence(long l, DataType dt) {
        long key = l * 16 + dt.ordinal();
        INDArray[] m = sequenceMatrices.get(key);
        if (m == null) {
            m = cosSin(l, dt);
            if (sequenceMatrices.size() >= MAX_CACHED_LENGTHS) {
                Long eldest = sequenceMatrices.keySet().iterator().next();
                sequenceMatrices.remove(eldest);
            }
            sequenceMatrices.put(key, m);
        }
        return m;
    }

    /** cos and sin of 2 pi j k / n, angles reduced modulo n in integer arithmetic for accuracy at large n. */
    static INDArray[] cosSin(long n, DataType dt) {
        int size = Math.toIntExact(n);
        double[] c = new double[size * size];
        double[] s = new double[size * size];
        for (int j = 0; j < size; j++) {
            for (int k = 0; k < size; k++) {
                double angle = 2 * Math.PI * (((long) j * k) % size) / size;
                c[j * size + k] = Math.cos(angle);
                s[j * size + k] = Math.sin(angle);
            }
        }
        INDArray cm = Nd4j.create(c, new long[]{n, n}, 'c').castTo(dt).dup('f');
        INDArray sm = Nd4j.create(s, new long[]{n, n}, 'c').castTo(dt).dup('f');
        return new INDArray[]{cm, sm};
    }
}
