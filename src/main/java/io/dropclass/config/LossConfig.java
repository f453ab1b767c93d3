package io.dropclass.config;

import static io.dropclass.config.ConfigException.oneOf;

/**
 * The pixel cross-entropy (ignore label 255, PyTorch's weighted mean over non-ignored pixels).
 *
 * @param classWeights {@code none} (all 1) or {@code cityscapes} (HRNet's fixed weights, which the
 *     official DropClass code always applies, method.md §8.1)
 */
public record LossConfig(String classWeights) {

    /** Validates the weight scheme. */
    public LossConfig {
        oneOf(classWeights, "class_weights", "none", "cityscapes");
    }

    /** Defaults: HRNet's Cityscapes weights, as the official code. */
    public static LossConfig defaults() {
        return new LossConfig("cityscapes");
    }
}
