package io.dropclass.loss;

import ai.djl.ndarray.NDArray;
import io.dropclass.nn.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pixel loss, as a training objective of a loss-based method optimises it: the logits and the
 * targets turned into named, already weighted loss parts whose sum is the total; the names become
 * the history's columns. The class-weighted cross-entropy is the baseline's; focal, OHEM and
 * Lovász-softmax are the imbalance baselines'. A new loss implements this interface (one file)
 * and gets its constant in the configuration's method list.
 */
public interface PixelLoss {

    /**
     * The loss's name, for messages.
     *
     * @return e.g. {@code focal}
     */
    String name();

    /**
     * Whether the loss also reads targets with weight 1 on every labelled pixel (Lovász-softmax,
     * which ignores the class weights).
     *
     * @return false unless the loss says so
     */
    default boolean needsUnitTargets() {
        return false;
    }

    /**
     * The named parts of the loss, in column order.
     *
     * @param logits (B, K, h, w) logits at any resolution
     * @param weighted targets with the class weights (ignored pixels weight 0)
     * @param unit the same targets with weight 1 on every non-ignored pixel
     * @return the parts; their sum is the total to back-propagate
     */
    Map<String, NDArray> parts(NDArray logits, PixelTargets weighted, PixelTargets unit);

    /** Class-weighted cross-entropy ({@link PixelCrossEntropy#weightedMean}); part {@code ce}. */
    static PixelLoss weightedCrossEntropy() {
        return new WeightedCrossEntropy();
    }

    /**
     * Softmax focal loss with the class weights as α ({@link FocalLoss#mean}); part {@code focal}.
     *
     * @param gamma γ ≥ 0 (2 is usual; 0 is the weighted cross-entropy)
     * @return the strategy
     */
    static PixelLoss focal(double gamma) {
        return new Focal(gamma);
    }

    /**
     * HRNet's OHEM cross-entropy ({@link OhemCrossEntropy#mean}); part {@code ohem}.
     *
     * @param threshold thres (HRNet 0.7 class default, 0.9 in its Cityscapes configs)
     * @param minKept min_kept (HRNet 100000 class default, 131072 in its configs)
     * @return the strategy
     */
    static PixelLoss ohem(double threshold, int minKept) {
        return new Ohem(threshold, minKept);
    }

    /**
     * Lovász-softmax ({@link LovaszSoftmax#mean}, present classes, unweighted) plus {@code
     * ceWeight} times the class-weighted cross-entropy; parts {@code lovasz} and, when ceWeight is
     * not 0, {@code ce} (already multiplied by ceWeight).
     *
     * @param ceWeight the weight of the cross-entropy term (0 for the Lovász loss alone)
     * @return the strategy
     */
    static PixelLoss lovasz(double ceWeight) {
        return new Lovasz(ceWeight);
    }

    /** A loss parameter that must be a finite number ≥ 0 (NaN is refused). */
    private static void requireFiniteNonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0, got " + value);
        }
    }

    /** Class-weighted cross-entropy. */
    record WeightedCrossEntropy() implements PixelLoss {
        @Override
        public String name() {
            return "weighted_ce";
        }

        @Override
        public Map<String, NDArray> parts(
                NDArray logits, PixelTargets weighted, PixelTargets unit) {
            return Map.of("ce", PixelCrossEntropy.weightedMean(logits, weighted));
        }
    }

    /**
     * Softmax focal loss.
     *
     * @param gamma the focusing parameter γ ≥ 0
     */
    record Focal(double gamma) implements PixelLoss {
        /** Checks γ. */
        public Focal {
            requireFiniteNonNegative("focal gamma", gamma);
        }

        @Override
        public String name() {
            return "focal";
        }

        @Override
        public Map<String, NDArray> parts(
                NDArray logits, PixelTargets weighted, PixelTargets unit) {
            return Map.of("focal", FocalLoss.mean(logits, weighted, gamma));
        }
    }

    /**
     * OHEM cross-entropy.
     *
     * @param threshold thres
     * @param minKept min_kept ≥ 0
     */
    record Ohem(double threshold, int minKept) implements PixelLoss {
        /** Checks the parameters. */
        public Ohem {
            if (Double.isNaN(threshold) || minKept < 0) {
                throw new IllegalArgumentException("ohem needs a threshold and min_kept >= 0, got "
                        + threshold + ", " + minKept);
            }
        }

        @Override
        public String name() {
            return "ohem";
        }

        @Override
        public Map<String, NDArray> parts(
                NDArray logits, PixelTargets weighted, PixelTargets unit) {
            return Map.of("ohem", OhemCrossEntropy.mean(logits, weighted, threshold, minKept));
        }
    }

    /**
     * Lovász-softmax, optionally plus weighted cross-entropy.
     *
     * @param ceWeight the weight of the cross-entropy term, ≥ 0
     */
    record Lovasz(double ceWeight) implements PixelLoss {
        /** Checks the weight. */
        public Lovasz {
            requireFiniteNonNegative("lovasz ce weight", ceWeight);
        }

        @Override
        public String name() {
            return "lovasz";
        }

        @Override
        public boolean needsUnitTargets() {
            return true;
        }

        @Override
        public Map<String, NDArray> parts(
                NDArray logits, PixelTargets weighted, PixelTargets unit) {
            Map<String, NDArray> parts = new LinkedHashMap<>();
            parts.put("lovasz", LovaszSoftmax.mean(logits, unit));
            if (ceWeight != 0) {
                NDArray ce = PixelCrossEntropy.weightedMean(logits, weighted);
                parts.put("ce", ceWeight == 1 ? ce : Scalars.times(ce, ceWeight));
            }
            return parts;
        }
    }
}
