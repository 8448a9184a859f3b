package org.jnrf.training;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Training hyper-parameters given as {@code name=value} strings (the training engine's parameter, the command
 * line, cTAKES piper files), applied onto a {@link TrainingConfig}. Names are the {@link TrainingConfig} component
 * names, plus {@code width} (hidden, embedding and relation widths together).
 */
public final class TrainingSettings {
    private static final Map<String, BiConsumer<TrainingConfig.Builder, String>> SETTERS = Map.ofEntries(
            Map.entry("width", (b, v) -> b.width(integer(v))),
            Map.entry("hidden", (b, v) -> b.hidden(integer(v))),
            Map.entry("layers", (b, v) -> b.layers(integer(v))),
            Map.entry("expansion", (b, v) -> b.expansion(integer(v))),
            Map.entry("tied", (b, v) -> b.tied(bool(v))),
            Map.entry("embeddingDim", (b, v) -> b.embeddingDim(integer(v))),
            Map.entry("relationDim", (b, v) -> b.relationDim(integer(v))),
            Map.entry("distanceScale", (b, v) -> b.distanceScale(integer(v))),
            Map.entry("epochs", (b, v) -> b.epochs(integer(v))),
            Map.entry("learningRate", (b, v) -> b.learningRate(number(v))),
            Map.entry("schedule", (b, v) -> b.schedule(
                    LearningRateSchedule.Shape.valueOf(v.trim().toUpperCase(Locale.ROOT)))),
            Map.entry("warmupFraction", (b, v) -> b.warmupFraction(number(v))),
            Map.entry("finalLearningRateFraction", (b, v) -> b.finalLearningRateFraction(number(v))),
            Map.entry("clipNorm", (b, v) -> b.clipNorm(number(v))),
            Map.entry("seed", (b, v) -> b.seed(Long.parseLong(v.trim()))),
            Map.entry("relationClassWeighting", (b, v) -> b.relationClassWeighting(
                    RelationClassWeighting.valueOf(v.trim().toUpperCase(Locale.ROOT)))),
            Map.entry("relationLossWeight", (b, v) -> b.relationLossWeight(number(v))),
            Map.entry("addPredictedSpans", (b, v) -> b.addPredictedSpans(bool(v))),
            Map.entry("patience", (b, v) -> b.patience(integer(v))),
            Map.entry("vocabularySize", (b, v) -> b.vocabularySize(integer(v))),
            Map.entry("minPieceFrequency", (b, v) -> b.minPieceFrequency(integer(v))),
            Map.entry("lowerCase", (b, v) -> b.lowerCase(bool(v))),
            Map.entry("stripAccents", (b, v) -> b.stripAccents(bool(v))),
            Map.entry("anchorType", (b, v) -> b.anchorType(v.trim())),
            Map.entry("contextWindow", (b, v) -> b.contextWindow(integer(v))),
            Map.entry("pairFeatures", (b, v) -> b.pairFeatures(bool(v))),
            Map.entry("sentenceBreaks", (b, v) -> b.sentenceBreaks(bool(v))),
            Map.entry("sentenceRule", (b, v) -> b.sentenceRule(integer(v))),
            Map.entry("pairWindowCoverage", (b, v) -> b.pairWindowCoverage(number(v))),
            Map.entry("pairWindowMargin", (b, v) -> b.pairWindowMargin(number(v))),
            Map.entry("stepTokens", (b, v) -> b.stepTokens(integer(v))),
            Map.entry("documentPartChars", (b, v) -> b.documentPartChars(integer(v))),
            Map.entry("entityTypeWeighting", (b, v) -> b.entityTypeWeighting(
                    EntityTypeWeighting.valueOf(v.trim().toUpperCase(Locale.ROOT)))),
            Map.entry("relationTypingShare", (b, v) -> b.relationTypingShare(number(v))),
            Map.entry("tokenDropout", (b, v) -> b.tokenDropout(number(v))),
            Map.entry("weightAverageDecay", (b, v) -> b.weightAverageDecay(number(v))),
            Map.entry("documentsPerStep", (b, v) -> b.documentsPerStep(integer(v))),
            Map.entry("encoder", (b, v) -> b.encoder(v.trim().toLowerCase(Locale.ROOT))),
            Map.entry("encoderLayers", (b, v) -> b.encoderLayers(integer(v))),
            Map.entry("encoderWidth", (b, v) -> b.encoderWidth(integer(v))),
            Map.entry("encoderHeads", (b, v) -> b.encoderHeads(integer(v))),
            Map.entry("encoderIntermediate", (b, v) -> b.encoderIntermediate(integer(v))),
            Map.entry("encoderPositions", (b, v) -> b.encoderPositions(integer(v))),
            Map.entry("encoderWindowMargin", (b, v) -> b.encoderWindowMargin(integer(v))),
            Map.entry("encoderTrainableLayers", (b, v) -> b.encoderTrainableLayers(encoderTrainable(v))),
            Map.entry("encoderLearningRate", (b, v) -> b.encoderLearningRate(number(v))));

    private TrainingSettings() {
    }

    /**
     * What {@code jnrf train} and the training engine use unless told otherwise: the recipe of the shipped model
     * (width 256, 2 tied FNet applications, FF x2, a context window of 4, relation pair features, token dropout
     * 0.1, weights averaged with decay 0.999; see resources/models/README.md) rather than the paper's 768/6/x3
     * reference.
     */
    public static TrainingConfig productDefaults() {
        return TrainingConfig.defaults().toBuilder().width(256).layers(2).expansion(2).epochs(14).learningRate(2e-3)
                .patience(4).vocabularySize(8000).contextWindow(4).pairFeatures(true).tokenDropout(0.1)
                .weightAverageDecay(0.999).build();
    }

    /**
     * {@code base} with each {@code name=value} applied in order.
     *
     * @throws IllegalArgumentException naming the setting when a name is unknown or a value does not parse
     */
    public static TrainingConfig apply(TrainingConfig base, List<String> settings) {
        TrainingConfig.Builder builder = base.toBuilder();
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("training setting '" + setting + "' is not name=value");
            }
            String name = setting.substring(0, eq).trim();
            String value = setting.substring(eq + 1);
            BiConsumer<TrainingConfig.Builder, String> setter = SETTERS.get(name);
            if (setter == null) {
                throw new IllegalArgumentException("unknown training setting '" + name + "'; known: "
                        + String.join(", ", SETTERS.keySet().stream().sorted().toList()));
            }
            try {
                setter.accept(builder, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("training setting " + name + ": '" + value + "' is not valid ("
                        + e.getMessage() + ")", e);
            }
        }
        return builder.build();
    }

    /** all (-1), frozen (0) or a number of top layers. */
    private static int encoderTrainable(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("all") ? -1 : s.equals("frozen") ? 0 : integer(s);
    }

    private static int integer(String v) {
        return Integer.parseInt(v.trim());
    }

    private static double number(String v) {
        return Double.parseDouble(v.trim());
    }

    private static boolean bool(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException("expected true or false");
        }
        return Boolean.parseBoolean(s);
    }
}
