package io.dropclass.config;

import static io.dropclass.config.ConfigException.oneOf;
import static io.dropclass.config.ConfigException.require;

/**
 * The training method: the baseline (the network alone, class-weighted cross-entropy) or DropClass
 * (docs/method.md §3–§7).
 *
 * @param name {@code dropclass}, {@code baseline} (class-weighted CE with {@code loss.class_weights}),
 *     or another imbalance baseline: {@code focal} (softmax focal loss, γ = {@code focal_gamma}),
 *     {@code ohem} (HRNet's OHEM CE: {@code ohem_threshold}, {@code ohem_min_kept}),
 *     {@code lovasz} (Lovász-softmax + {@code lovasz_ce_weight}·CE)
 * @param alpha α, the weight of the suppression term L_sup (10 in the official code)
 * @param schedule how λ = p(drop) grows: {@code epoch} (e/E, constant within an epoch, the official
 *     form) or {@code iteration} (i/N)
 * @param endEpoch E of the epoch schedule; 0 means the run's own epoch count (last epoch + 1)
 * @param sampling which class z is drawn: {@code uniform} over all K classes (official) or
 *     {@code present}, among the classes present in the batch
 * @param perImage draw one z per image instead of one per batch (official: per batch)
 * @param inferenceBranch the branch that predicts at inference: {@code drop} (all classes kept, the
 *     official model) or {@code plain}
 * @param focalGamma γ of the focal loss
 * @param ohemThreshold OHEM's probability threshold
 * @param ohemMinKept OHEM's minimum of kept pixels per batch
 * @param lovaszCeWeight weight of the cross-entropy added to Lovász-softmax (0: Lovász alone)
 */
public record MethodConfig(
        String name,
        double alpha,
        String schedule,
        int endEpoch,
        String sampling,
        boolean perImage,
        String inferenceBranch,
        double focalGamma,
        double ohemThreshold,
        int ohemMinKept,
        double lovaszCeWeight) {

    /** Validates every field; messages name the key. */
    public MethodConfig {
        oneOf(name, "name", "dropclass", "baseline", "focal", "ohem", "lovasz");
        require(alpha >= 0 && Double.isFinite(alpha), "alpha",
                "got " + alpha + "; use a non-negative number");
        oneOf(schedule, "schedule", "epoch", "iteration");
        require(endEpoch >= 0, "end_epoch",
                "got " + endEpoch + "; use 0 (the run's epoch count) or a positive integer");
        oneOf(sampling, "sampling", "uniform", "present");
        oneOf(inferenceBranch, "inference_branch", "drop", "plain");
        require(focalGamma >= 0, "focal_gamma", "got " + focalGamma + "; use a non-negative value");
        require(ohemThreshold > 0 && ohemThreshold <= 1, "ohem_threshold",
                "got " + ohemThreshold + "; use a value in (0, 1]");
        require(ohemMinKept >= 0, "ohem_min_kept",
                "got " + ohemMinKept + "; use a non-negative value");
        require(lovaszCeWeight >= 0, "lovasz_ce_weight",
                "got " + lovaszCeWeight + "; use a non-negative value");
    }

    /** Defaults: DropClass as the official code runs it. */
    public static MethodConfig defaults() {
        return new MethodConfig("dropclass", 10.0, "epoch", 0, "uniform", false, "drop", 2.0, 0.7,
                100_000, 1.0);
    }

    /** Whether the DropClass head is used. */
    public boolean usesDropClass() {
        return name.equals("dropclass");
    }
}
