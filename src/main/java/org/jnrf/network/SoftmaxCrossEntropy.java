package org.jnrf.network;

import org.jnrf.network.compute.Scratch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row-wise softmax and weighted cross entropy, computed on the host: the logits of the heads are small (tokens x tags,
 * pairs x relation classes) and their probabilities are needed on the host anyway for decoding.
 * loss = sum_i w_i (-log p_i[y_i]) / sum_i w_i; classes masked out for a row get probability 0 and no gradient.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /** Probabilities of each row; {@code allowed} (rows x classes, may be null) masks classes out. */
    public static double[][] probabilities(INDArray logits, boolean[][] allowed) {
        int n = (int) logits.rows();
        int c = (int) logits.columns();
        INDArray rowMajor = logits.dup('c');
        double[] flat = rowMajor.data().asDouble();
        Scratch.release(rowMajor); // freed now, not at the next garbage collection: logits of many pair blocks
        double[][] p = new double[n][c];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                if (allowed == null || allowed[i][k]) {
                    max = Math.max(max, flat[i * c + k]);
                }
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                if (allowed == null || allowed[i][k]) {
                    double e = Math.exp(flat[i * c + k] - max);
                    p[i][k] = e;
                    sum += e;
                }
            }
            for (int k = 0; k < c; k++) {
                p[i][k] /= sum;
            }
        }
        return p;
    }

    /** Weighted mean cross entropy of probabilities against targets; weights may be null (all 1). */
    public static double loss(double[][] p, int[] targets, double[] rowWeights) {
        double total = 0;
        double weight = 0;
        for (int i = 0; i < p.length; i++) {
            double w = rowWeights == null ? 1 : rowWeights[i];
            total -= w * Math.log(Math.max(p[i][targets[i]], 1e-30));
            weight += w;
        }
        return weight == 0 ? 0 : total / weight;
    }

    /** Gradient of {@link #loss} with respect to the logits, times {@code scale}, as an 'f'-order array. */
    public static INDArray gradient(double[][] p, int[] targets, double[] rowWeights, double scale,
                                    org.nd4j.linalg.api.buffer.DataType dataType) {
        int n = p.length;
        int c = n == 0 ? 0 : p[0].length;
        double weight = 0;
        for (int i = 0; i < n; i++) {
            weight += rowWeights == null ? 1 : rowWeights[i];
        }
        double[] g = new double[n * c];
        if (weight > 0) {
            for (int i = 0; i < n; i++) {
                double w = (rowWeights == null ? 1 : rowWeights[i]) * scale / weight;
                for (int k = 0; k < c; k++) {
                    double v = p[i][k] - (k == targets[i] ? 1 : 0);
                    g[k * n + i] = w * v;
                }
            }
        }
        return Nd4j.create(g, new long[]{n, c}, 'f').castTo(dataType);
    }
}
