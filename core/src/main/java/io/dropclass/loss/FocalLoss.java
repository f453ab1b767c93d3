package io.dropclass.loss;

import ai.djl.ndarray.NDArray;

/**
 * Softmax focal loss (Lin et al. 2017, the textbook multiclass form), with the class weights as the
 * per-class α and normalised like the weighted cross-entropy:
 *
 * <pre>
 *   L = Σ_i w_{y_i} · (1 − p_{t,i})^γ · (−log p_{t,i}) / Σ_i w_{y_i}
 *   p_{t,i} = softmax(ŷ_i)_{y_i}</pre>
 *
 * <p>Ignored pixels have weight 0 and leave both sums. γ = 0 is exactly {@link
 * PixelCrossEntropy#weightedMean}; γ = 2 is the usual choice. The logits are upsampled bilinearly
 * (align_corners = false) to the label size first. This is not mmseg's sigmoid focal loss nor smp's
 * sum of one-vs-rest focal losses. 1 − p_t is floored at 1e-12 (only an exactly saturated pixel
 * is affected; it then gets no gradient through the modulating factor, whose value is ≤ 1e-12^γ).
 */
public final class FocalLoss {

    /** The usual focusing parameter. */
    public static final double DEFAULT_GAMMA = 2.0;

    private FocalLoss() {}

    /**
     * The weighted mean focal loss.
     *
     * @param logits (B, K, h, w) raw scores at any resolution; not closed
     * @param targets classes and weights (α) at the label resolution (B, H, W)
     * @param gamma the focusing parameter γ ≥ 0
     * @return a scalar, attached to the logits' manager
     */
    public static NDArray mean(NDArray logits, PixelTargets targets, double gamma) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be finite and >= 0, got " + gamma);
        }
        if (gamma == 0) {
            return PixelCrossEntropy.weightedMean(logits, targets);
        }
        // (B, H, W): log p_t of each pixel's target class
        NDArray logPt = PixelCrossEntropy.targetLogProbabilities(
                LabelSize.logits(logits, targets), targets);
        NDArray one = LabelSize.scalar(logits, 1.0);
        NDArray exponent = LabelSize.scalar(logits, gamma);
        // (1 − p_t)^γ; the floor keeps d/dp finite where p_t == 1 exactly and γ < 1 (0 · ∞)
        NDArray floor = LabelSize.scalar(logits, 1e-12);
        NDArray modulation = one.sub(logPt.exp()).maximum(floor).pow(exponent);
        NDArray weightSum = targets.weights().sum().maximum(1e-12f); // no gradient: weights only
        return logPt.mul(modulation).mul(targets.weights()).sum().neg().div(weightSum);
    }
}
