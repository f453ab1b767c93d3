package io.dropclass.config;

import static io.dropclass.config.ConfigException.positive;
import static io.dropclass.config.ConfigException.require;

/**
 * The training schedule, in optimizer steps (iterations).
 *
 * @param iterations number of optimizer steps
 * @param batchSize images per step
 * @param validationInterval validate every this many steps (and always after the last one)
 * @param logInterval print a progress line every this many steps (the history keeps every step)
 */
public record TrainConfig(int iterations, int batchSize, int validationInterval, int logInterval) {

    /** Validates the values. */
    public TrainConfig {
        positive(iterations, "iterations");
        positive(batchSize, "batch_size");
        require(batchSize >= 2, "batch_size",
                "got " + batchSize
                        + "; use at least 2 (training-mode BatchNorm needs two samples)");
        positive(validationInterval, "validation_interval");
        positive(logInterval, "log_interval");
    }

    /** Defaults: 1,000 steps of batch 8, validation every 250. */
    public static TrainConfig defaults() {
        return new TrainConfig(1000, 8, 250, 10);
    }
}
