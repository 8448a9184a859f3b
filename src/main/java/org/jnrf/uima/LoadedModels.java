package org.jnrf.uima;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jnrf.model.JnrfModel;

/**
 * Models loaded by location, once per JVM: annotators that are not bound to a {@link JnrfModelResource} (a cTAKES
 * piper file, a plain uimaFIT description) still share one copy across instances and CPE threads.
 */
final class LoadedModels {
    private static final ConcurrentMap<String, JnrfModel> MODELS = new ConcurrentHashMap<>();

    private LoadedModels() {
    }

    static JnrfModel get(ModelLocation location) throws IOException {
        try {
            return MODELS.computeIfAbsent(location.location(), key -> {
                try {
                    return location.load();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
