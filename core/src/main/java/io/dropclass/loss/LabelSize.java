package io.dropclass.loss;

import ai.djl.ndarray.NDArray;
import io.dropclass.nn.BilinearResize;
import io.dropclass.nn.Scalars;

/** Shared steps of the pixel losses: logits at the label size, and safe zero losses. */
final class LabelSize {

    private LabelSize() {}

    /**
     * The logits upsampled bilinearly (align_corners = false) to the targets' (H, W), in the
     * contiguous layout, or the logits themselves when they already have that size.
     */
    static NDArray logits(NDArray logits, PixelTargets targets) {
        long height = targets.classes().getShape().get(1);
        long width = targets.classes().getShape().get(2);
        if (logits.getShape().get(2) == height && logits.getShape().get(3) == width) {
            return logits;
        }
        // contiguous out, whatever the logits' layout: the losses take a softmax over the classes
        return BilinearResize.resize(logits, (int) height, (int) width, false,
                targets.format().channelsLast(), false);
    }

    /** A zero loss that stays connected to the graph of {@code x} (its gradient is 0). */
    static NDArray zeroLike(NDArray x) {
        try (NDArray zero = Scalars.constant(x, 0)) {
            return x.sum().mul(zero);
        }
    }

    /**
     * A torch-owned 0-dimensional tensor of {@code like}'s type (safe to keep in the autograd
     * graph).
     */
    static NDArray scalar(NDArray like, double value) {
        return Scalars.constant(like, value);
    }
}
