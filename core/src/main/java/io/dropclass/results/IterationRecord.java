package io.dropclass.results;

import java.util.Map;

/**
 * One logged training step.
 *
 * @param iteration steps done (1-based: the record of the first step has 1)
 * @param epoch passes over the training set begun so far (0-based)
 * @param lr the learning rate used by the step
 * @param losses the total loss ({@code loss}) and each named term, as weighted in the total
 * @param imagesPerSecond training throughput over the steps since the previous record
 * @param elapsedSeconds wall time since training started
 */
public record IterationRecord(
        int iteration,
        int epoch,
        double lr,
        Map<String, Double> losses,
        double imagesPerSecond,
        double elapsedSeconds) {

    /** Copies the map. */
    public IterationRecord {
        losses = Map.copyOf(losses);
    }
}
