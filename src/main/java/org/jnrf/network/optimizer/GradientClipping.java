package org.jnrf.network.optimizer;

import org.jnrf.network.layers.Param;

import java.util.List;

/** Scales all gradients together so that their global L2 norm is at most maxNorm. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * The factor (at most 1) that brings the global gradient norm down to maxNorm, without applying it: pass it to
     * {@link Adam#update(double, double)}. A non-positive maxNorm gives 1.
     */
    public static double clipFactor(List<Param> params, double maxNorm) {
        double sq = 0;
        for (Param p : params) {
            sq += p.gradSquaredNorm();
        }
        double norm = Math.sqrt(sq);
        return maxNorm > 0 && norm > maxNorm ? maxNorm / (norm + 1e-12) : 1.0;
    }

    /** Returns the norm before clipping. A non-positive maxNorm disables clipping. */
    public static double clipGlobalNorm(List<Param> params, double maxNorm) {
        double sq = 0;
        for (Param p : params) {
            sq += p.gradSquaredNorm();
        }
        double norm = Math.sqrt(sq);
        if (maxNorm > 0 && norm > maxNorm) {
            double f = maxNorm / (norm + 1e-12);
            for (Param p : params) {
                if (p.isTrainable()) {
                    p.scaleGrad(f);
                }
            }
        }
        return norm;
    }
}
