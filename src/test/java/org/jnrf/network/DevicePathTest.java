package org.jnrf.network;

import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.compute.HostKernels;
import org.jnrf.network.compute.Nd4jKernels;
import org.jnrf.network.fourier.JTransformsFourierMixer;
import org.jnrf.network.fourier.MatmulFourierMixer;
import org.jnrf.network.layers.Param;
import org.jnrf.network.optimizer.Adam;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device path (ND4J kernels, DFT as matrix products) and the CPU path (host kernels, JTransforms) compute the same
 * network: same losses, gradients and predictions within float tolerance. Run here on the CPU backend; on a GPU
 * backend the device path is the default.
 */
class DevicePathTest {
    @BeforeAll
    static void singleThread() {
        ComputeThreads.set(1);
    }

    @Test
    void cpuAndDevicePathsAgree() {
        NetworkConfig config = new NetworkConfig(40, 16, 16, 2, 2, true, 4, 8, DataType.FLOAT, 9);
        JnrfNetwork cpu = new JnrfNetwork(config, TestNetworks.labels(), new JTransformsFourierMixer(2),
                new HostKernels(2));
        JnrfNetwork device = new JnrfNetwork(config, TestNetworks.labels(), new MatmulFourierMixer(),
                Nd4jKernels.INSTANCE);
        TrainingExample ex = TestNetworks.example();
        LossOptions options = new LossOptions(new double[]{1, 2, 2}, true, 1);
        cpu.zeroGrads();
        device.zeroGrads();
        StepLoss a = cpu.computeGradients(ex, options, cpu.newScratch());
        StepLoss b = device.computeGradients(ex, options, device.newScratch());
        assertEquals(a.total(), b.total(), 1e-4);
        for (int i = 0; i < cpu.params().size(); i++) {
            Param p = cpu.params().get(i);
            Param q = device.params().get(i);
            var g1 = p.isRowSparse() ? p.rowGrad() : p.grad();
            var g2 = q.isRowSparse() ? q.rowGrad() : q.grad();
            double diff = g1.sub(g2).amaxNumber().doubleValue();
            assertTrue(diff < 1e-3 * Math.max(1, g1.amaxNumber().doubleValue()), p.name() + " differs by " + diff);
        }
        Adam.standard(cpu).update(1e-3);
        Adam.standard(device).update(1e-3);
        NetworkPrediction pa = cpu.predict(ex.tokenIds(), cpu.newScratch());
        NetworkPrediction pb = device.predict(ex.tokenIds(), device.newScratch());
        assertEquals(pa.entities().size(), pb.entities().size());
        for (int t = 0; t < pa.tagProbabilities().length; t++) {
            for (int k = 0; k < pa.tagProbabilities()[t].length; k++) {
                assertEquals(pa.tagProbabilities()[t][k], pb.tagProbabilities()[t][k], 1e-4);
            }
        }
    }
}
