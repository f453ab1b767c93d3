package io.dropclass.config;

import static io.dropclass.config.ConfigException.positive;
import static io.dropclass.config.ConfigException.require;

import java.util.List;

/**
 * How validation and {@code evaluate} predict a whole image.
 *
 * @param mode {@code whole} (one forward per image), {@code slide} (windows of the crop size,
 *     moved by the stride, logits averaged where they overlap) or {@code multiscale} (the image
 *     resized by each scale, optionally flipped, logits averaged at the original size)
 * @param cropHeight slide: window height in pixels
 * @param cropWidth slide: window width in pixels
 * @param strideHeight slide: vertical step in pixels
 * @param strideWidth slide: horizontal step in pixels
 * @param scales multiscale: the scales (1.0 = original size)
 * @param flip multiscale: also predict the mirrored image
 * @param batchSize whole: images per forward pass
 */
public record EvaluationConfig(
        Mode mode,
        int cropHeight,
        int cropWidth,
        int strideHeight,
        int strideWidth,
        List<Double> scales,
        boolean flip,
        int batchSize) {

    /** How whole images are predicted. */
    public enum Mode {
        /** One forward per image. */
        WHOLE,
        /** Windows of the crop size with overlap, averaged. */
        SLIDE,
        /** Several scales (and optional flip), averaged. */
        MULTISCALE
    }

    /** Validates every field; messages name the key. */
    public EvaluationConfig {
        require(mode != null, "mode", "is null; use one of " + ConfigFiles.choices(Mode.class));
        positive(cropHeight, "crop_height");
        positive(cropWidth, "crop_width");
        positive(strideHeight, "stride_height");
        positive(strideWidth, "stride_width");
        require(scales != null && !scales.isEmpty(), "scales",
                "is empty; give at least one scale, e.g. [1.0]");
        for (double s : scales) {
            require(s > 0 && s <= 8, "scales", "got " + s + "; use scales in (0, 8]");
        }
        scales = List.copyOf(scales);
        positive(batchSize, "batch_size");
    }

    /** Defaults: whole images, batches of 8; slide 512×1024 by 341×682; scales [1.0]. */
    public static EvaluationConfig defaults() {
        return new EvaluationConfig(Mode.WHOLE, 512, 1024, 341, 682, List.of(1.0), false, 8);
    }
}
