package io.dropclass.inference;

import io.dropclass.data.transform.RandomScale;
import java.util.List;

/**
 * How an image is predicted at evaluation time.
 *
 * <ul>
 *   <li>whole: one forward pass on the whole image (the official test, docs/method.md §9.3);
 *   <li>slide: overlapping windows of cropHeight × cropWidth at the given strides (mmseg / HRNet
 *       sliding-window test), logits averaged where windows overlap;
 *   <li>multi-scale (+ flip): the image resized by each scale and predicted whole or sliding (and
 *       mirrored, when flip), logits upsampled to the image size and summed.
 * </ul>
 *
 * <p>One record covers the combinations: {@code cropHeight == 0} means whole-image forward passes;
 * {@code scales == [1.0]} and {@code flip == false} means a single scale.
 *
 * @param cropHeight window rows, 0 for whole images
 * @param cropWidth window columns, 0 for whole images
 * @param strideHeight vertical window step, 0 for whole images
 * @param strideWidth horizontal window step, 0 for whole images
 * @param scales the image scales, each predicted and summed
 * @param flip whether to also predict each scale mirrored (and mirror its logits back)
 */
public record EvaluationMode(
        int cropHeight,
        int cropWidth,
        int strideHeight,
        int strideWidth,
        List<Double> scales,
        boolean flip) {

    /** Validates and copies. */
    public EvaluationMode {
        scales = RandomScale.positiveScales(scales);
        boolean whole = cropHeight == 0 && cropWidth == 0 && strideHeight == 0 && strideWidth == 0;
        boolean slide = cropHeight > 0 && cropWidth > 0 && strideHeight > 0 && strideWidth > 0;
        if (!whole && !slide) {
            throw new IllegalArgumentException("window and stride must be all 0 (whole) or all "
                    + "positive, got crop " + cropHeight + "x" + cropWidth + ", stride "
                    + strideHeight + "x" + strideWidth);
        }
    }

    /**
     * Whole images, one scale, no flip.
     *
     * @return the mode
     */
    public static EvaluationMode whole() {
        return new EvaluationMode(0, 0, 0, 0, List.of(1.0), false);
    }

    /**
     * Sliding windows at scale 1.
     *
     * @param cropHeight window rows
     * @param cropWidth window columns
     * @param strideHeight vertical step
     * @param strideWidth horizontal step
     * @return the mode
     */
    public static EvaluationMode slide(int cropHeight, int cropWidth, int strideHeight,
            int strideWidth) {
        return new EvaluationMode(cropHeight, cropWidth, strideHeight, strideWidth, List.of(1.0),
                false);
    }

    /**
     * Whole-image prediction at several scales, optionally with flips.
     *
     * @param scales the scales, e.g. [0.5, 0.75, 1.0, 1.25, 1.5, 1.75]
     * @param flip whether to add mirrored predictions
     * @return the mode
     */
    public static EvaluationMode multiscale(List<Double> scales, boolean flip) {
        return new EvaluationMode(0, 0, 0, 0, scales, flip);
    }

    /**
     * The same scales and flip, predicted by sliding windows at each scale.
     *
     * @param cropHeight window rows
     * @param cropWidth window columns
     * @param strideHeight vertical step
     * @param strideWidth horizontal step
     * @return the mode
     */
    public EvaluationMode withSlide(int cropHeight, int cropWidth, int strideHeight,
            int strideWidth) {
        return new EvaluationMode(cropHeight, cropWidth, strideHeight, strideWidth, scales, flip);
    }

    /**
     * Whether forward passes see whole (rescaled) images.
     *
     * @return true for whole-image passes
     */
    public boolean isWholeImage() {
        return cropHeight == 0;
    }

    /**
     * Whether this is the plain whole-image mode (one scale 1.0, no flip, no windows), which can
     * batch images.
     *
     * @return true for the plain mode
     */
    public boolean isPlainWhole() {
        return isWholeImage() && !flip && scales.size() == 1 && scales.get(0) == 1.0;
    }
}
