package io.dropclass.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;

/**
 * Online hard example mining cross-entropy in HRNet's {@code OhemCrossEntropy} form (also OCNet,
 * PSPNet; mmseg's {@code OHEMPixelSampler} with {@code thresh}). Per valid pixel i the weighted
 * cross-entropy ℓ_i = w_{y_i} · (−log p_{t,i}) and p_{t,i}; with the n valid p_t sorted ascending
 * (p_(0) ≤ … ≤ p_(n−1)):
 *
 * <pre>  τ = max(thres, p_(minKept))            (0-based, as HRNet's pred[min_kept])
 *  kept = { i valid : p_{t,i} &lt; τ }
 *  L = Σ_{i ∈ kept} ℓ_i / |kept|</pre>
 *
 * <p>So at least the {@code minKept} hardest pixels are kept (fewer only with ties at p_(minKept)),
 * and every pixel with p_t &lt; thres. As in HRNet the class weights scale each pixel's loss but
 * the mean is over the number of kept pixels (not over their weights). When n ≤ minKept every valid
 * pixel is kept (HRNet would still drop those with p_t equal to the largest when thres ≤ it). When
 * nothing is kept (no valid pixel, or all tied at τ) the loss is 0 rather than PyTorch's NaN.
 *
 * <p>Valid pixels are those with weight &gt; 0: a class with weight 0 is treated as ignored. The
 * selection is not differentiated (as in HRNet: a mask); the logits are upsampled bilinearly
 * (align_corners = false) to the label size first.
 */
public final class OhemCrossEntropy {

    /** HRNet's class default threshold. */
    public static final double DEFAULT_THRESHOLD = 0.7;

    /** HRNet's class default minimum number of kept pixels. */
    public static final int DEFAULT_MIN_KEPT = 100_000;

    private OhemCrossEntropy() {}

    /**
     * The OHEM mean cross-entropy.
     *
     * @param logits (B, K, h, w) raw scores at any resolution; not closed
     * @param targets classes and weights at the label resolution (B, H, W)
     * @param threshold thres: pixels with p_t below it are always kept
     * @param minKept the least number of pixels kept (≥ 0)
     * @return a scalar, attached to the logits' manager
     */
    public static NDArray mean(
            NDArray logits, PixelTargets targets, double threshold, int minKept) {
        if (minKept < 0) {
            throw new IllegalArgumentException("minKept must be >= 0, got " + minKept);
        }
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        NDArray resized = LabelSize.logits(logits, targets);
        NDArray logPt = PixelCrossEntropy.targetLogProbabilities(resized, targets); // (B, H, W)
        NDArray pt = logPt.stopGradient().exp(); // (B, H, W), the selection is a constant
        NDArray valid = targets.weights().gt(LabelSize.scalar(logits, 0.0));

        float[] ptHost = pt.toFloatArray();
        float[] weightHost = targets.weights().toFloatArray();
        float[] validPt = new float[ptHost.length];
        int n = 0;
        for (int i = 0; i < ptHost.length; i++) {
            if (weightHost[i] > 0f) {
                validPt[n++] = ptHost[i];
            }
        }
        Arrays.sort(validPt, 0, n);
        double tau = n <= minKept
                ? Double.POSITIVE_INFINITY
                : Math.max(threshold, validPt[minKept]);

        NDArray keep =
                valid.logicalAnd(pt.lt(LabelSize.scalar(logits, tau))).toType(DataType.FLOAT32,
                false);
        NDArray count = keep.sum();
        if (count.getFloat() == 0f) {
            return LabelSize.zeroLike(resized);
        }
        return logPt.mul(targets.weights()).mul(keep).sum().neg().div(count);
    }
}
