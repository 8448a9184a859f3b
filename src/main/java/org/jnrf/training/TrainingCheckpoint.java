package org.jnrf.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jnrf.model.ModelArchive;
import org.jnrf.model.ModelArchiveFormat;
import org.jnrf.model.ModelConfig;
import org.jnrf.model.ModelFormatException;
import org.jnrf.model.NetworkWeights;
import org.jnrf.model.Tensor;
import org.jnrf.model.WeightsFile;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.layers.Param;
import org.jnrf.network.optimizer.Adam;
import org.jnrf.text.Vocabulary;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to resume a training run exactly: the model entries (config.json, vocab.txt, weights.bin), the
 * Adam moments ({@code optimizer.bin}, tensors {@code m/NAME} and {@code v/NAME}), the weights of the best epoch so
 * far ({@code best-weights.bin}, absent before the first scored epoch), the moving average of the weights when the
 * run keeps one ({@code average-weights.bin}) and {@code state.json} (epochs done, optimizer step, shuffling random
 * state, best score and epoch, epochs without improvement, updates of the average, the training configuration).
 * Written atomically (temporary file, then move), so a crash never leaves a half-written checkpoint.
 */
public final class TrainingCheckpoint {
    public static final int FORMAT_VERSION = 1;
    public static final String STATE_ENTRY = "state.json";
    public static final String OPTIMIZER_ENTRY = "optimizer.bin";
    public static final String BEST_ENTRY = "best-weights.bin";
    public static final String AVERAGE_ENTRY = "average-weights.bin";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Progress of a run.
     *
     * @param bestScore null until an epoch was scored
     * @param bestEpoch -1 until an epoch was scored
     * @param averageUpdates steps folded into the weight average (0 without one)
     */
    public record State(int formatVersion, int epochsCompleted, int optimizerStep, long shuffleState,
                        Double bestScore, int bestEpoch, int epochsWithoutImprovement, long averageUpdates,
                        TrainingConfig config) {
    }

    private final String file;
    private final ModelConfig modelConfig;
    private final Vocabulary vocabulary;
    private final Map<String, Tensor> weights;
    private final Map<String, Tensor> moments;
    private final Map<String, Tensor> bestWeights;
    private final Map<String, Tensor> averageWeights;
    private final State state;

    private TrainingCheckpoint(String file, ModelConfig modelConfig, Vocabulary vocabulary, Map<String, Tensor> weights,
                               Map<String, Tensor> moments, Map<String, Tensor> bestWeights,
                               Map<String, Tensor> averageWeights, State state) {
        this.file = file;
        this.modelConfig = modelConfig;
        this.vocabulary = vocabulary;
        this.weights = weights;
        this.moments = moments;
        this.bestWeights = bestWeights;
        this.averageWeights = averageWeights;
        this.state = state;
    }

    public static void write(Path file, ModelConfig modelConfig, Vocabulary vocabulary, JnrfNetwork network,
                             Adam adam, List<Tensor> bestWeights, List<Tensor> averageWeights, State state)
            throws IOException {
        List<Tensor> moments = new ArrayList<>();
        adam.firstMoments().forEach((name, m) -> moments.add(Tensor.of("m/" + name, m)));
        adam.secondMoments().forEach((name, v) -> moments.add(Tensor.of("v/" + name, v)));
        Map<String, ModelArchiveFormat.StreamWriter> extra = new LinkedHashMap<>();
        extra.put(OPTIMIZER_ENTRY, out -> WeightsFile.write(out, moments));
        if (bestWeights != null) {
            extra.put(BEST_ENTRY, out -> WeightsFile.write(out, bestWeights));
        }
        if (averageWeights != null) {
            extra.put(AVERAGE_ENTRY, out -> WeightsFile.write(out, averageWeights));
        }
        extra.put(STATE_ENTRY, out -> out.write(JSON.writeValueAsBytes(state)));
        List<Tensor> current = NetworkWeights.export(network);
        ModelArchiveFormat.save(file, modelConfig, vocabulary, List.of(current), extra, java.util.Set.of());
    }

    public static TrainingCheckpoint read(Path file) throws IOException {
        String name = file.toString();
        Map<String, byte[]> entries;
        try (InputStream in = Files.newInputStream(file)) {
            entries = ModelArchive.read(in, name, Files.size(file));
        }
        ModelConfig config = ModelArchiveFormat.readConfig(entries, name);
        Vocabulary vocabulary = ModelArchiveFormat.readVocabulary(entries, name, config);
        Map<String, Tensor> weights = WeightsFile.read(ModelArchiveFormat.require(entries, ModelArchiveFormat.WEIGHTS_ENTRY, name),
                name + "!" + ModelArchiveFormat.WEIGHTS_ENTRY);
        config.checkWeightCount(weights, name + "!" + ModelArchiveFormat.CONFIG_ENTRY, ModelArchiveFormat.WEIGHTS_ENTRY);
        Map<String, Tensor> moments = WeightsFile.read(ModelArchiveFormat.require(entries, OPTIMIZER_ENTRY, name),
                name + "!" + OPTIMIZER_ENTRY);
        Map<String, Tensor> best = entries.containsKey(BEST_ENTRY)
                ? WeightsFile.read(entries.get(BEST_ENTRY), name + "!" + BEST_ENTRY) : null;
        Map<String, Tensor> average = entries.containsKey(AVERAGE_ENTRY)
                ? WeightsFile.read(entries.get(AVERAGE_ENTRY), name + "!" + AVERAGE_ENTRY) : null;
        State state;
        try {
            state = JSON.readValue(ModelArchiveFormat.require(entries, STATE_ENTRY, name), State.class);
        } catch (IOException e) {
            throw new ModelFormatException(name + "!" + STATE_ENTRY, "invalid training state: " + e.getMessage(), e);
        }
        if (state.formatVersion() != FORMAT_VERSION) {
            throw new ModelFormatException(name + "!" + STATE_ENTRY, "checkpoint format version "
                    + state.formatVersion() + " is not supported (this build reads " + FORMAT_VERSION + ")");
        }
        if (state.averageUpdates() > 0 && average == null) {
            throw new ModelFormatException(name, "the state counts " + state.averageUpdates()
                    + " weight-average updates but " + AVERAGE_ENTRY + " is missing");
        }
        return new TrainingCheckpoint(name, config, vocabulary, weights, moments, best, average, state);
    }

    public ModelConfig modelConfig() {
        return modelConfig;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public State state() {
        return state;
    }

    public boolean hasBestWeights() {
        return bestWeights != null;
    }

    /** Puts the saved weights into the network and the saved moments and step into the optimizer. */
    public void restore(JnrfNetwork network, Adam adam) throws ModelFormatException {
        NetworkWeights.assign(network, weights, file + "!" + ModelArchiveFormat.WEIGHTS_ENTRY);
        for (Param p : network.params()) {
            if (adam.firstMoments().containsKey(p.name())) { // frozen parameters have none
                restoreMoment(adam.firstMoments().get(p.name()), "m/" + p.name());
                restoreMoment(adam.secondMoments().get(p.name()), "v/" + p.name());
            }
        }
        adam.setStep(state.optimizerStep());
    }

    private void restoreMoment(INDArray target, String name) throws ModelFormatException {
        Tensor t = moments.get(name);
        if (t == null || !java.util.Arrays.equals(t.shape(), target.shape())) {
            throw new ModelFormatException(file + "!" + OPTIMIZER_ENTRY, "missing or misshapen optimizer state " + name);
        }
        t.copyInto(target);
    }

    /** Puts the best epoch's weights into the network (which must match the configuration). */
    public void restoreBest(JnrfNetwork network) throws ModelFormatException {
        if (bestWeights == null) {
            throw new ModelFormatException(file, "no best weights stored yet");
        }
        NetworkWeights.assign(network, bestWeights, file + "!" + BEST_ENTRY);
    }

    public boolean hasAverageWeights() {
        return averageWeights != null;
    }

    /** Puts the stored weight average into the network (which must match the configuration). */
    public void restoreAverage(JnrfNetwork network) throws ModelFormatException {
        if (averageWeights == null) {
            throw new ModelFormatException(file, "no weight average stored");
        }
        NetworkWeights.assign(network, averageWeights, file + "!" + AVERAGE_ENTRY);
    }
}
