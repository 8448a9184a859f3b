package org.jnrf.training;

/**
 * Learning rate over the steps of a run: linear warm-up from 0 over the first {@code warmupSteps}, then constant,
 * linear decay or cosine decay down to {@code finalFraction} x the peak at the last step.
 */
public record LearningRateSchedule(Shape shape, double peak, long warmupSteps, long totalSteps, double finalFraction) {
    public enum Shape { CONSTANT, LINEAR, COSINE }

    public double at(long step) {
        if (warmupSteps > 0 && step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double floor = peak * finalFraction;
        return switch (shape) {
            case CONSTANT -> peak;
            case LINEAR -> floor + (peak - floor) * (1 - progress);
            case COSINE -> floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }
}
