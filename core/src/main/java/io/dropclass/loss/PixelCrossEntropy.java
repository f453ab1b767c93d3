package io.dropclass.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;

/**
 * Class-weighted pixel cross-entropy, PyTorch's weighted mean over non-ignored pixels:
 *
 * <pre>  L = Σ_i w_{y_i} · (−log softmax(ŷ_i)_{y_i}) / Σ_i w_{y_i}</pre>
 *
 * <p>The logits are first upsampled bilinearly (align_corners = false) to the label size, as the
 * official criterion does (docs/method.md §5.1), in the layout the targets name. When no pixel has
 * weight (all ignored) the loss is 0 rather than PyTorch's 0/0.
 */
public final class PixelCrossEntropy {

    private PixelCrossEntropy() {}

    /**
     * The weighted mean cross-entropy.
     *
     * @param logits (B, K, h, w) raw scores at any resolution; not closed
     * @param targets classes and weights at the label resolution (B, H, W)
     * @return a scalar, attached to the logits' manager
     */
    public static NDArray weightedMean(NDArray logits, PixelTargets targets) {
        NDArray picked = targetLogProbabilities(LabelSize.logits(logits, targets), targets);
        NDArray weightSum = targets.weights().sum().maximum(1e-12f);
        return picked.mul(targets.weights()).sum().neg().div(weightSum);
    }

    /**
     * The weighted mean cross-entropies of several logits of one shape, each against its own
     * targets, computed in one pass: the logits are stacked along the batch, upsampled, passed
     * through one log-softmax and one pick, and the weighted sums split per input. The values are
     * those of {@link #weightedMean} up to the order of the additions.
     *
     * @param logits n arrays (B, K, h, w) of one shape and layout; not closed
     * @param targets n targets (B, H, W) of one size and format, in the same order
     * @return n scalars, attached to the logits' manager
     */
    public static List<NDArray> weightedMeans(List<NDArray> logits, List<PixelTargets> targets) {
        int n = logits.size();
        if (n != targets.size() || n == 0) {
            throw new IllegalArgumentException("need one target per logits, got " + n + " and "
                    + targets.size());
        }
        long batch = logits.get(0).getShape().get(0);
        try (NDArray stacked = NDArrays.concat(new NDList(logits), 0); // (n·B, K, h, w)
                NDArray classes = NDArrays.concat(
                        new NDList(targets.stream().map(PixelTargets::classes).toList()), 0);
                NDArray weights = NDArrays.concat(
                        new NDList(targets.stream().map(PixelTargets::weights).toList()), 0)) {
            PixelTargets all = new PixelTargets(classes, weights, targets.get(0).format());
            try (NDArray picked = targetLogProbabilities(LabelSize.logits(stacked, all), all);
                    NDArray weighted = picked.mul(weights); // (n·B, H, W)
                    NDArray perImage = weighted.sum(new int[] {1, 2}); // (n·B)
                    NDArray perInput = perImage.reshape(n, batch).sum(new int[] {1}); // (n)
                    NDArray weightPerImage = weights.sum(new int[] {1, 2});
                    NDArray weightSum = weightPerImage.reshape(n, batch).sum(new int[] {1})
                            .maximum(1e-12f);
                    NDArray means = perInput.neg().div(weightSum)) { // (n)
                List<NDArray> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(means.get(i)); // ()
                }
                return out;
            }
        }
    }

    /**
     * log softmax(ŷ)_y of every pixel: the log-probability of its target class (0 where ignored,
     * whose weight is 0).
     *
     * @param resized (B, K, H, W) logits at the label size, contiguous ({@link LabelSize#logits});
     *     not closed
     * @param targets classes at the label resolution (B, H, W)
     * @return (B, H, W)
     */
    static NDArray targetLogProbabilities(NDArray resized, PixelTargets targets) {
        try (NDArray logp = resized.logSoftmax(1); // (B, K, H, W)
                NDArray index = targets.classes().expandDims(1); // (B, 1, H, W)
                NDArray picked = logp.gather(index, 1)) {
            return picked.squeeze(1);
        }
    }
}
