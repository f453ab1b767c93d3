package io.dropclass.benchmark;

import io.dropclass.training.TrainingStep;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the wall times of measured training steps: per step the total and its phases, where
 * {@code data} is the wait for the loader's batch (what background preparation did not hide) plus
 * the host-to-tensor copy.
 */
public final class StepTimes {

    private final int capacity;
    private final double[] totalMs;
    private final Map<TrainingStep.Phase, double[]> phaseMs =
            new EnumMap<>(TrainingStep.Phase.class);
    private int count;

    /**
     * Creates an empty collection.
     *
     * @param steps the number of steps that will be added
     */
    public StepTimes(int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be positive, got " + steps);
        }
        capacity = steps;
        totalMs = new double[steps];
        for (TrainingStep.Phase phase : TrainingStep.Phase.values()) {
            phaseMs.put(phase, new double[steps]);
        }
    }

    /**
     * Adds one step.
     *
     * @param totalNanos the step's wall time, loader wait included
     * @param phaseNanos each phase's wall time (a missing phase counts 0)
     */
    public void add(long totalNanos, Map<TrainingStep.Phase, Long> phaseNanos) {
        if (count == capacity) {
            throw new IllegalStateException("all " + capacity + " steps were added already");
        }
        totalMs[count] = totalNanos / 1e6;
        for (TrainingStep.Phase phase : TrainingStep.Phase.values()) {
            phaseMs.get(phase)[count] = phaseNanos.getOrDefault(phase, 0L) / 1e6;
        }
        count++;
    }

    /**
     * The summary of the added steps.
     *
     * @param batch images per step
     * @param warmup the warm-up steps that were run before (not measured)
     * @return medians, means and throughput
     */
    public TrainingMeasurement summary(int batch, int warmup) {
        if (count != capacity) {
            throw new IllegalStateException(count + " of " + capacity + " steps were added");
        }
        Map<String, Double> means = new LinkedHashMap<>();
        Map<String, Double> medians = new LinkedHashMap<>();
        for (TrainingStep.Phase phase : TrainingStep.Phase.values()) {
            String name = phase.name().toLowerCase(Locale.ROOT);
            means.put(name, Statistics.mean(phaseMs.get(phase)));
            medians.put(name, Statistics.median(phaseMs.get(phase)));
        }
        double mean = Statistics.mean(totalMs);
        return new TrainingMeasurement(count, warmup, batch, Statistics.median(totalMs), mean,
                means, medians, batch / (mean / 1000));
    }
}
