package io.dropclass.experiment;

import io.dropclass.config.DataConfig;
import io.dropclass.config.EvaluationConfig;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.SegmentationSample;
import io.dropclass.data.transform.FixedSize;
import io.dropclass.data.transform.HorizontalFlip;
import io.dropclass.data.transform.PairedTransform;
import io.dropclass.data.transform.RandomCropFlip;
import io.dropclass.data.transform.RandomScale;
import io.dropclass.data.transform.TransformPresets;
import io.dropclass.inference.EvaluationMode;

/** The configured training augmentation and evaluation mode. */
final class Augmentations {

    private Augmentations() {}

    /**
     * The paired transform of training samples; its output size is fixed (the crop, or the images'
     * common size when no crop is set).
     *
     * @param data the data section
     * @param train the training set (its first image gives the size when there is no crop)
     * @return the transform
     */
    static PairedTransform training(DataConfig data, SegmentationDataset train) {
        int h = data.cropHeight();
        int w = data.cropWidth();
        return switch (data.augmentation()) {
            case CITYSCAPES_OFFICIAL -> TransformPresets.cityscapesOfficial(h, w);
            case STANDARD -> TransformPresets.standard(
                    new PairedTransform.Size(crop(h, data, train, true),
                            crop(w, data, train, false)),
                    RandomScale.steps(data.scaleMin(), data.scaleMax(), data.scaleStep()),
                    data.flip(), data.photometric(), data.catMaxRatio());
            case CROP_FLIP -> cropFlip(data, train);
        };
    }

    private static PairedTransform cropFlip(DataConfig data, SegmentationDataset train) {
        if (data.cropHeight() > 0) {
            return new RandomCropFlip(data.cropHeight(), data.cropWidth(), data.flip());
        }
        if (data.synthetic()) {
            return new RandomCropFlip(data.height(), data.width(), data.flip());
        }
        // no crop: the whole images, which must share one size (checked for every sample)
        SegmentationSample first = train.get(0);
        return new FixedSize(new HorizontalFlip(data.flip() ? 0.5 : 0.0),
                new PairedTransform.Size(first.height(), first.width()));
    }

    private static int crop(int value, DataConfig data, SegmentationDataset train, boolean rows) {
        if (value > 0) {
            return value;
        }
        if (data.synthetic()) {
            return rows ? data.height() : data.width();
        }
        SegmentationSample first = train.get(0);
        return rows ? first.height() : first.width();
    }

    /**
     * The evaluation mode.
     *
     * @param evaluation the evaluation section
     * @return whole, sliding window or multi-scale (+ flip)
     */
    static EvaluationMode evaluation(EvaluationConfig evaluation) {
        return switch (evaluation.mode()) {
            case SLIDE -> EvaluationMode.slide(evaluation.cropHeight(), evaluation.cropWidth(),
                    evaluation.strideHeight(), evaluation.strideWidth());
            case MULTISCALE -> EvaluationMode.multiscale(evaluation.scales(), evaluation.flip());
            case WHOLE -> EvaluationMode.whole();
        };
    }
}
