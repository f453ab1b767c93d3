package io.dropclass.config;

import static io.dropclass.config.ConfigException.oneOf;
import static io.dropclass.config.ConfigException.require;

/**
 * The pixel cross-entropy (ignore label 255, PyTorch's weighted mean over non-ignored pixels).
 *
 * @param classWeights {@code none} (all 1); {@code cityscapes} (HRNet's fixed weights, which the
 *     official DropClass code always applies, docs/method.md §11); or computed from the training
 *     set's class statistics: {@code inverse} (N / (K·n_c)), {@code median_frequency} (SegNet),
 *     {@code enet} (1 / ln(1.02 + f_c)), {@code effective_number} (Cui et al., β below)
 * @param effectiveNumberBeta β of {@code effective_number}, on image counts
 */
public record LossConfig(String classWeights, double effectiveNumberBeta) {

    /** Validates the weight scheme. */
    public LossConfig {
        oneOf(classWeights, "class_weights", "none", "cityscapes", "inverse", "median_frequency",
                "enet", "effective_number");
        require(effectiveNumberBeta >= 0 && effectiveNumberBeta < 1, "effective_number_beta",
                "got " + effectiveNumberBeta + "; use a value in [0, 1)");
    }

    /** Defaults: HRNet's Cityscapes weights, as the official code; β = 0.9999. */
    public static LossConfig defaults() {
        return new LossConfig("cityscapes", 0.9999);
    }
}
