package io.dropclass.config;

import static io.dropclass.config.ConfigException.positive;
import static io.dropclass.config.ConfigException.require;

/**
 * The training schedule, in optimizer steps (iterations), and what a run keeps to be resumed.
 *
 * @param iterations number of optimizer steps
 * @param batchSize images per step
 * @param validationInterval validate every this many steps (and always after the last one)
 * @param logInterval print a progress line every this many steps (the history keeps every step)
 * @param checkpointInterval also write a full training-state checkpoint every this many steps;
 *     0 = only at validations (there always)
 * @param keepCheckpoints how many training-state checkpoints to keep (the newest ones; the one of
 *     the best validation is kept as well), at least 1
 * @param onNonfinite {@code stop}: a NaN or infinite loss ends the run (the last good checkpoint
 *     stays); {@code skip}: the step's update is not applied and training goes on
 * @param maxSkippedSteps with {@code skip}, the run stops at the step that would exceed this many
 *     skipped steps
 * @param preciseBnBatches after the last step, replace every BatchNorm running statistic by the
 *     average over this many training batches (precise BatchNorm, docs/method.md §13); 0: off, the
 *     official code's behaviour
 */
public record TrainConfig(
        int iterations,
        int batchSize,
        int validationInterval,
        int logInterval,
        int checkpointInterval,
        int keepCheckpoints,
        NonFinite onNonfinite,
        int maxSkippedSteps,
        int preciseBnBatches) {

    /** What a NaN or infinite loss does. */
    public enum NonFinite {
        /** The run ends; the last good checkpoint stays. */
        STOP,
        /** The step's update is not applied and training goes on, within a budget. */
        SKIP
    }

    /** Validates the values. */
    public TrainConfig {
        positive(iterations, "iterations");
        positive(batchSize, "batch_size");
        require(batchSize >= 2, "batch_size",
                "got " + batchSize
                        + "; use at least 2 (training-mode BatchNorm needs two samples)");
        positive(validationInterval, "validation_interval");
        positive(logInterval, "log_interval");
        require(checkpointInterval >= 0, "checkpoint_interval",
                "must be 0 (only at validations) or a positive number of steps, got "
                        + checkpointInterval);
        positive(keepCheckpoints, "keep_checkpoints");
        require(onNonfinite != null, "on_nonfinite",
                "is null; use one of " + ConfigFiles.choices(NonFinite.class));
        require(maxSkippedSteps >= 0, "max_skipped_steps",
                "must be 0 or more, got " + maxSkippedSteps);
        require(preciseBnBatches >= 0, "precise_bn_batches",
                "must be 0 (off) or a positive number of batches, got " + preciseBnBatches);
    }

    /**
     * Defaults: 1,000 steps of batch 8, validation (and checkpoint) every 250, 3 checkpoints kept,
     * a non-finite loss stops the run.
     */
    public static TrainConfig defaults() {
        return new TrainConfig(1000, 8, 250, 10, 0, 3, NonFinite.STOP, 10, 0);
    }

    /**
     * Whether a non-finite loss skips the step instead of stopping the run.
     *
     * @return true for {@code on_nonfinite=skip}
     */
    public boolean skipsNonFinite() {
        return onNonfinite == NonFinite.SKIP;
    }
}
