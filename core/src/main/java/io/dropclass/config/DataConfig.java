package io.dropclass.config;

import static io.dropclass.config.ConfigException.oneOf;
import static io.dropclass.config.ConfigException.positive;
import static io.dropclass.config.ConfigException.require;

import io.dropclass.data.DatasetKind;

/**
 * What to train and validate on, and how training images are augmented.
 *
 * @param dataset {@code synthetic} (the embedded street scenes, generated on the fly), or a dataset
 *     on disk: {@code cityscapes}, {@code voc}, {@code voc_aug} (SBD-augmented), {@code camvid},
 *     {@code folder} (images/, masks/, classes file)
 * @param root the dataset's folder on disk ("" for synthetic)
 * @param trainSplit the training split's name (e.g. {@code train}, {@code trainval})
 * @param valSplit the validation split: {@code val} or {@code shift} (context broken) for
 *     synthetic, the split's name otherwise
 * @param strict stop at the first unusable sample (otherwise skip it with a warning)
 * @param height synthetic image height in pixels
 * @param width synthetic image width in pixels
 * @param trainImages synthetic: distinct training images
 * @param valImages synthetic: validation images
 * @param cropHeight training crop height in pixels (0: the whole image; images of a batch must
 *     then have one size)
 * @param cropWidth training crop width in pixels (0: the whole image)
 * @param augmentation {@code crop_flip} (random crop and flip), {@code standard} (random scale,
 *     pad, crop with cat_max_ratio, flip, optional photometric distortion) or
 *     {@code cityscapes_official} (docs/method.md §12.7: scale 0.5–2.1 of a 2048 long side, pad,
 *     crop, flip)
 * @param scaleMin smallest random scale of {@code standard}
 * @param scaleMax largest random scale of {@code standard}
 * @param scaleStep step between the random scales of {@code standard}
 * @param catMaxRatio {@code standard}: re-draw a crop where one class covers more than this share
 *     (1 = never)
 * @param photometric {@code standard}: brightness, contrast, saturation and hue jitter
 * @param flip horizontal flip with probability 0.5
 */
public record DataConfig(
        DatasetKind dataset,
        String root,
        String trainSplit,
        String valSplit,
        boolean strict,
        int height,
        int width,
        int trainImages,
        int valImages,
        int cropHeight,
        int cropWidth,
        Augmentation augmentation,
        double scaleMin,
        double scaleMax,
        double scaleStep,
        double catMaxRatio,
        boolean photometric,
        boolean flip) {

    /** How training images are augmented. */
    public enum Augmentation {
        /** Random crop and horizontal flip. */
        CROP_FLIP,
        /** Random scale, pad, crop with cat_max_ratio, flip, optional photometric distortion. */
        STANDARD,
        /** The official Cityscapes recipe: scale 0.5–2.1 of a 2048 long side, pad, crop, flip. */
        CITYSCAPES_OFFICIAL
    }

    /** Validates every field; messages name the key. */
    public DataConfig {
        require(dataset != null, "dataset",
                "is null; use one of " + ConfigFiles.choices(DatasetKind.class));
        require(augmentation != null, "augmentation",
                "is null; use one of " + ConfigFiles.choices(Augmentation.class));
        require(root != null, "root", "is null; give a folder or \"\"");
        require(!dataset.onDisk() || !root.isBlank(), "root",
                "dataset " + dataset.key()
                        + " needs the folder it lives in; give data.root=DIR or --root");
        require(trainSplit != null && !trainSplit.isBlank(), "train_split",
                "is empty; give a split name");
        require(valSplit != null && !valSplit.isBlank(), "val_split",
                "is empty; give a split name");
        if (!dataset.onDisk()) {
            oneOf(trainSplit, "train_split", "train");
            oneOf(valSplit, "val_split", "val", "shift");
        }
        require(height >= 16, "height", "got " + height + "; use at least 16 pixels");
        require(width >= 32, "width", "got " + width + "; use at least 32 pixels");
        positive(trainImages, "train_images");
        positive(valImages, "val_images");
        require(cropHeight >= 0, "crop_height", "got "
                + cropHeight + "; use 0 (whole image) or a positive value");
        require(cropWidth >= 0, "crop_width", "got "
                + cropWidth + "; use 0 (whole image) or a positive value");
        require((cropHeight == 0) == (cropWidth == 0), "crop_width",
                "crop_height and crop_width disagree; set both to 0 or both positive");
        if (!dataset.onDisk() && augmentation == Augmentation.CROP_FLIP) {
            require(cropHeight <= height, "crop_height",
                    "got " + cropHeight + "; use at most the height, " + height);
            require(cropWidth <= width, "crop_width",
                    "got " + cropWidth + "; use at most the width, " + width);
        }
        require(augmentation != Augmentation.CITYSCAPES_OFFICIAL || cropHeight > 0, "crop_height",
                "cityscapes_official needs a crop; set crop_height and crop_width (e.g. 512x1024)");
        require(scaleMin > 0 && scaleMax >= scaleMin, "scale_max",
                "got " + scaleMin + " and " + scaleMax
                        + "; use 0 < scale_min <= scale_max");
        require(scaleStep > 0, "scale_step", "got " + scaleStep + "; use a positive value");
        require(catMaxRatio > 0 && catMaxRatio <= 1, "cat_max_ratio",
                "got " + catMaxRatio + "; use a value in (0, 1]");
    }

    /** Defaults: 128×256 synthetic scenes, 2,000 training and 100 validation images. */
    public static DataConfig defaults() {
        return new DataConfig(DatasetKind.SYNTHETIC, "", "train", "val", false, 128, 256, 2000,
                100, 0, 0, Augmentation.CROP_FLIP, 0.5, 2.0, 0.25, 1.0, false, true);
    }

    /** Whether the data is the embedded synthetic benchmark. */
    public boolean synthetic() {
        return !dataset.onDisk();
    }
}
