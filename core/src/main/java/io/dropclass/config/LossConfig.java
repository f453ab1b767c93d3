package io.dropclass.config;

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
public record LossConfig(ClassWeights classWeights, double effectiveNumberBeta) {

    /** The class-weight schemes of the cross-entropy. */
    public enum ClassWeights {
        /** All 1. */
        NONE,
        /** HRNet's fixed Cityscapes weights, as the official code. */
        CITYSCAPES,
        /** N / (K·n_c). */
        INVERSE,
        /** SegNet's median frequency balancing. */
        MEDIAN_FREQUENCY,
        /** ENet's 1 / ln(1.02 + f_c). */
        ENET,
        /** Cui et al.'s effective number of samples, on image counts. */
        EFFECTIVE_NUMBER;

        /**
         * Whether the scheme is computed from the training set's class statistics.
         *
         * @return false for the fixed schemes
         */
        public boolean needsStatistics() {
            return this != NONE && this != CITYSCAPES;
        }
    }

    /** Validates the weight scheme. */
    public LossConfig {
        require(classWeights != null, "class_weights",
                "is null; use one of " + ConfigFiles.choices(ClassWeights.class));
        require(effectiveNumberBeta >= 0 && effectiveNumberBeta < 1, "effective_number_beta",
                "got " + effectiveNumberBeta + "; use a value in [0, 1)");
    }

    /** Defaults: HRNet's Cityscapes weights, as the official code; β = 0.9999. */
    public static LossConfig defaults() {
        return new LossConfig(ClassWeights.CITYSCAPES, 0.9999);
    }
}
