package io.dropclass.config;

import static io.dropclass.config.ConfigException.require;

import io.dropclass.method.DropSchedule;
import io.dropclass.method.PredictionBranch;

/**
 * DropClass's settings (docs/method.md §3–§7), read when {@code method.name} is {@code dropclass}.
 *
 * @param alpha α, the weight of the suppression term L_sup (10 in the official code)
 * @param schedule how λ = p(drop) grows: {@code epoch} (e/E, constant within an epoch, the official
 *     form) or {@code iteration} (i/N)
 * @param endEpoch E of the epoch schedule; 0 means the run's own epoch count (last epoch + 1)
 * @param sampling which class z is drawn: {@code uniform} over all K classes (official) or
 *     {@code present}, among the classes present in the batch
 * @param perImage draw one z per image instead of one per batch (official: per batch)
 * @param inferenceBranch the branch that predicts at inference: {@code drop} (all classes kept, the
 *     official model) or {@code plain}
 */
public record DropClassConfig(
        double alpha,
        DropSchedule.Step schedule,
        int endEpoch,
        Sampling sampling,
        boolean perImage,
        PredictionBranch inferenceBranch) {

    /** Which classes z is drawn from. */
    public enum Sampling {
        /** All K classes (official). */
        UNIFORM,
        /** The classes present in the batch (per image: in the image). */
        PRESENT
    }

    /** Validates every field; messages name the key. */
    public DropClassConfig {
        require(alpha >= 0 && Double.isFinite(alpha), "alpha",
                "got " + alpha + "; use a non-negative number");
        require(schedule != null, "schedule",
                "is null; use one of " + ConfigFiles.choices(DropSchedule.Step.class));
        require(endEpoch >= 0, "end_epoch",
                "got " + endEpoch + "; use 0 (the run's epoch count) or a positive integer");
        require(sampling != null, "sampling",
                "is null; use one of " + ConfigFiles.choices(Sampling.class));
        require(inferenceBranch != null, "inference_branch",
                "is null; use one of " + ConfigFiles.choices(PredictionBranch.class));
    }

    /** Defaults: DropClass as the official code runs it. */
    public static DropClassConfig defaults() {
        return new DropClassConfig(10.0, DropSchedule.Step.EPOCH, 0, Sampling.UNIFORM, false,
                PredictionBranch.DROP);
    }
}
