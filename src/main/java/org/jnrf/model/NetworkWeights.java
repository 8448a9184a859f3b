package org.jnrf.model;

import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.layers.Param;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Moves a network's parameters to and from named tensors, checking names and shapes. */
public final class NetworkWeights {
    private NetworkWeights() {
    }

    public static List<Tensor> export(JnrfNetwork network) {
        List<Tensor> out = new ArrayList<>();
        for (Param p : network.params()) {
            out.add(Tensor.of(p.name(), p.value()));
        }
        return out;
    }

    /** Assigns every parameter from {@code tensors}; a missing, extra or misshapen tensor is an error. */
    public static void assign(JnrfNetwork network, Map<String, Tensor> tensors, String file)
            throws ModelFormatException {
        List<Param> params = network.params();
        for (Param p : params) {
            Tensor t = tensors.get(p.name());
            if (t == null) {
                throw new ModelFormatException(file, "missing tensor " + p.name());
            }
            if (!Arrays.equals(t.shape(), p.value().shape())) {
                throw new ModelFormatException(file, "tensor " + p.name() + " has shape " + Arrays.toString(t.shape())
                        + ", the configuration needs " + Arrays.toString(p.value().shape()));
            }
        }
        if (tensors.size() != params.size()) {
            List<String> extra = new ArrayList<>(tensors.keySet());
            params.forEach(p -> extra.remove(p.name()));
            throw new ModelFormatException(file, "unexpected tensors " + extra);
        }
        for (Param p : params) {
            tensors.get(p.name()).copyInto(p.value());
        }
    }

    /** Copies values from one network to another of the same configuration. */
    public static void copy(JnrfNetwork from, JnrfNetwork to) {
        List<Param> a = from.params();
        List<Param> b = to.params();
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("networks differ: " + a.size() + " and " + b.size() + " parameters");
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equals(b.get(i).name())) {
                throw new IllegalArgumentException("networks differ: parameter " + a.get(i).name() + " against "
                        + b.get(i).name());
            }
            b.get(i).value().assign(a.get(i).value());
        }
    }
}
