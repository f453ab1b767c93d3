package io.dropclass.data.transform;

import java.util.ArrayList;
import java.util.List;

/** Ready-made training augmentations; each output has exactly the crop size. */
public final class TransformPresets {

    private TransformPresets() {}

    /**
     * The official HRNet Cityscapes recipe (docs/method.md §12.7): scale s = 0.5 + k/10, k uniform
     * in 0..16, long side int(2048·s + 0.5) (image bilinear, label nearest); pad bottom/right to
     * the crop (image 0, label 255); random crop with inclusive ranges; horizontal flip with
     * probability 0.5. Normalisation is the loader's business.
     *
     * @param cropHeight output rows (512 officially)
     * @param cropWidth output columns (1024 officially)
     * @return the transform
     */
    public static PairedTransform cityscapesOfficial(int cropHeight, int cropWidth) {
        return new FixedSize(
                Compose.of(
                        RandomScale.official(2048),
                        PadTo.black(cropHeight, cropWidth),
                        RandomCrop.of(cropHeight, cropWidth),
                        new HorizontalFlip(0.5)),
                new PairedTransform.Size(cropHeight, cropWidth));
    }

    /**
     * An mmseg-style recipe: scale by a random factor (e.g. {@link RandomScale#steps}, relative to
     * the image), random crop (with the class-share rejection when catMaxRatio &lt; 1), optional
     * flip (0.5), optional photometric distortion (mmseg defaults), then pad bottom/right to the
     * crop (image 0, label 255), so that padding is never colour-jittered.
     *
     * @param crop output rows and columns
     * @param scale the random rescaling, e.g. {@code RandomScale.steps(0.5, 2.0, 0.25)}
     * @param flip whether to flip with probability 0.5
     * @param photometric whether to apply {@link PhotometricDistortion#mmsegDefaults()}
     * @param catMaxRatio the largest share of one class in a crop (mmseg: 0.75); 1 disables it
     * @return the transform
     */
    public static PairedTransform standard(
            PairedTransform.Size crop,
            RandomScale scale,
            boolean flip,
            boolean photometric,
            double catMaxRatio) {
        List<PairedTransform> steps = new ArrayList<>();
        steps.add(scale);
        steps.add(new RandomCrop(crop.height(), crop.width(), catMaxRatio));
        if (flip) {
            steps.add(new HorizontalFlip(0.5));
        }
        if (photometric) {
            steps.add(PhotometricDistortion.mmsegDefaults());
        }
        steps.add(PadTo.black(crop.height(), crop.width()));
        return new FixedSize(new Compose(steps), crop);
    }
}
