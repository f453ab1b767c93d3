package io.dropclass.loss;

import ai.djl.ndarray.NDArray;
import io.dropclass.nn.BilinearResize;

/**
 * Class-weighted pixel cross-entropy, PyTorch's weighted mean over non-ignored pixels:
 *
 * <pre>  L = Σ_i w_{y_i} · (−log softmax(ŷ_i)_{y_i}) / Σ_i w_{y_i}</pre>
 *
 * <p>The logits are first upsampled bilinearly (align_corners = false) to the label size, as the
 * official criterion does (method.md §3.1). When no pixel has weight (all ignored) the loss is 0
 * rather than PyTorch's 0/0.
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
        NDArray logProbabilities = logSoftmaxAtLabelSize(logits, targets);
        // (B, 1, H, W) -> (B, H, W): log-probability of each pixel's target class
        NDArray picked =
                logProbabilities.gather(targets.classes().expandDims(1), 1).squeeze(1);
        NDArray weightSum = targets.weights().sum().maximum(1e-12f);
        return picked.mul(targets.weights()).sum().neg().div(weightSum);
    }

    private static NDArray logSoftmaxAtLabelSize(NDArray logits, PixelTargets targets) {
        long height = targets.classes().getShape().get(1);
        long width = targets.classes().getShape().get(2);
        NDArray resized = logits;
        if (logits.getShape().get(2) != height || logits.getShape().get(3) != width) {
            resized = BilinearResize.resize(logits, (int) height, (int) width, false);
        }
        return resized.logSoftmax(1); // (B, K, H, W)
    }
}
