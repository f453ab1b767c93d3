package io.dropclass.data.transform;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationSample;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A random crop of a fixed size and an optional horizontal flip, applied to an image and its mask
 * together. Images smaller than the crop are padded at the bottom and right: the image with 0, the
 * mask with the ignore index (the official recipe, docs/method.md §12.7). Equivalent to {@code
 * Compose.of(PadTo.black(h, w), RandomCrop.of(h, w), flip)} in effect, with its own order of
 * random draws (kept so that existing runs reproduce).
 *
 * @param cropHeight output rows
 * @param cropWidth output columns
 * @param flip whether to flip with probability 0.5
 */
public record RandomCropFlip(int cropHeight, int cropWidth, boolean flip)
        implements PairedTransform {

    /** Validates the crop size. */
    public RandomCropFlip {
        if (cropHeight <= 0 || cropWidth <= 0) {
            throw new IllegalArgumentException(
                    "crop must be positive, got " + cropHeight + "x" + cropWidth);
        }
    }

    /**
     * Transforms one sample.
     *
     * @param sample the input, not modified
     * @param random the source of the crop offset and the flip
     * @return a new sample of size cropHeight × cropWidth
     */
    @Override
    public SegmentationSample apply(SegmentationSample sample, SplittableRandom random) {
        int h = sample.height();
        int w = sample.width();
        int top = h > cropHeight ? random.nextInt(h - cropHeight + 1) : 0;
        int left = w > cropWidth ? random.nextInt(w - cropWidth + 1) : 0;
        boolean mirror = flip && random.nextBoolean();
        float[] image = new float[3 * cropHeight * cropWidth];
        byte[] label = new byte[cropHeight * cropWidth];
        java.util.Arrays.fill(label, (byte) ClassCatalog.IGNORE_INDEX);
        int rows = Math.min(cropHeight, h - top);
        int cols = Math.min(cropWidth, w - left);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int src = (top + y) * w + left + x;
                int dst = y * cropWidth + (mirror ? cropWidth - 1 - x : x);
                label[dst] = sample.label()[src];
                for (int c = 0; c < 3; c++) {
                    image[c * cropHeight * cropWidth + dst] = sample.image()[c * h * w + src];
                }
            }
        }
        return new SegmentationSample(cropHeight, cropWidth, image, label);
    }

    @Override
    public Optional<Size> outputSize(Optional<Size> input) {
        return Optional.of(new Size(cropHeight, cropWidth));
    }
}
