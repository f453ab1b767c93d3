package io.dropclass.benchmark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Timed training steps.
 *
 * @param steps measured steps
 * @param warmup steps run before, not measured
 * @param batch images per step
 * @param stepMsMedian median wall time of a step, ms
 * @param stepMsMean mean wall time of a step, ms
 * @param phasesMsMean mean ms of data, forward, backward, optimizer (in that order)
 * @param phasesMsMedian median ms of the same phases
 * @param imagesPerSecond batch / mean step time
 */
public record TrainingMeasurement(
        int steps,
        int warmup,
        int batch,
        double stepMsMedian,
        double stepMsMean,
        Map<String, Double> phasesMsMean,
        Map<String, Double> phasesMsMedian,
        double imagesPerSecond) {

    /** Keeps the phase order. */
    public TrainingMeasurement {
        phasesMsMean = Collections.unmodifiableMap(new LinkedHashMap<>(phasesMsMean));
        phasesMsMedian = Collections.unmodifiableMap(new LinkedHashMap<>(phasesMsMedian));
    }
}
