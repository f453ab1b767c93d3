package io.dropclass.config;

import static io.dropclass.config.ConfigException.oneOf;
import static io.dropclass.config.ConfigException.positive;
import static io.dropclass.config.ConfigException.require;

/**
 * What to train and validate on.
 *
 * @param dataset {@code synthetic}: the embedded street-scene benchmark, generated on the fly
 * @param height image height in pixels of the generated scenes
 * @param width image width in pixels of the generated scenes
 * @param trainImages number of distinct training images (the sampler cycles through them)
 * @param valImages number of validation images
 * @param valSplit {@code val} (usual context) or {@code shift} (context broken: riders without
 *     bicycles, signs without poles, ...)
 * @param cropHeight training crop height in pixels (0: the whole image)
 * @param cropWidth training crop width in pixels (0: the whole image)
 * @param flip whether training images are flipped horizontally with probability 0.5
 */
public record DataConfig(
        String dataset,
        int height,
        int width,
        int trainImages,
        int valImages,
        String valSplit,
        int cropHeight,
        int cropWidth,
        boolean flip) {

    /** Validates every field; messages name the key. */
    public DataConfig {
        oneOf(dataset, "dataset", "synthetic");
        require(height >= 16, "height", "must be at least 16 pixels, got " + height);
        require(width >= 32, "width", "must be at least 32 pixels, got " + width);
        positive(trainImages, "train_images");
        positive(valImages, "val_images");
        oneOf(valSplit, "val_split", "val", "shift");
        require(cropHeight >= 0 && cropHeight <= height, "crop_height",
                "must be between 0 (whole image) and height " + height + ", got " + cropHeight);
        require(cropWidth >= 0 && cropWidth <= width, "crop_width",
                "must be between 0 (whole image) and width " + width + ", got " + cropWidth);
    }

    /** Defaults: 128×256 synthetic scenes, 2,000 training and 100 validation images. */
    public static DataConfig defaults() {
        return new DataConfig("synthetic", 128, 256, 2000, 100, "val", 0, 0, true);
    }

    /** The effective training crop height. */
    public int effectiveCropHeight() {
        return cropHeight == 0 ? height : cropHeight;
    }

    /** The effective training crop width. */
    public int effectiveCropWidth() {
        return cropWidth == 0 ? width : cropWidth;
    }
}
