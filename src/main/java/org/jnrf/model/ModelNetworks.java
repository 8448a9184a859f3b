package org.jnrf.model;

import org.jnrf.network.fourier.FourierMixer;
import org.jnrf.network.fourier.FourierMixers;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.compute.Kernels;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a model's networks: from stored weights, or as a copy of a network in training. */
final class ModelNetworks {
    /** Threads of the CPU Fourier transform of a loaded model (system property). */
    static final String FFT_THREADS_PROPERTY = "jnrf.fft.threads";

    private ModelNetworks() {
    }

    /** A network of the configuration holding a copy of {@code network}'s current weights. */
    static JnrfNetwork copyOf(ModelConfig config, JnrfNetwork network) {
        JnrfNetwork copy = JnrfNetwork.forWeights(config.networkConfig(DataType.FLOAT, 0), config.labelSpace(),
                network.mixer(), network.kernels());
        NetworkWeights.copy(network, copy);
        return copy;
    }

    /** One network per weight set; {@code file} names the weights in error messages. */
    static List<JnrfNetwork> fromWeights(ModelConfig config, List<Map<String, Tensor>> members, String file)
            throws ModelFormatException {
        if (members.size() != config.memberCount()) {
            throw new ModelFormatException(file, members.size() + " weight sets, the configuration says "
                    + config.memberCount());
        }
        // the members share one Fourier mixer and one set of kernels (thread pools, cached tables): both serve any
        // number of threads at once
        FourierMixer mixer = FourierMixers.fromSystemProperty(fftThreads());
        Kernels kernels = Kernels.fromSystemProperty(JnrfNetwork.defaultThreads());
        List<JnrfNetwork> networks = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            JnrfNetwork network;
            try {
                network = JnrfNetwork.forWeights(config.networkConfig(DataType.FLOAT, 0), config.labelSpace(), mixer,
                        kernels);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file + "!" + ModelArchiveFormat.CONFIG_ENTRY, "invalid configuration: "
                        + e.getMessage(), e);
            }
            NetworkWeights.assign(network, members.get(m), file + "!" + ModelArchiveFormat.weightsEntry(m));
            networks.add(network);
        }
        return networks;
    }

    static int fftThreads() {
        return Integer.getInteger(FFT_THREADS_PROPERTY, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }
}
