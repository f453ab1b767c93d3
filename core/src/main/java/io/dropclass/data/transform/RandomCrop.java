package io.dropclass.data.transform;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationSample;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A random crop (mmseg's RandomCrop). The top row is uniform in [0, H − cropHeight] and the left
 * column in [0, W − cropWidth], both ends inclusive (drawn in that order); along an axis where the
 * sample is smaller than the crop, the crop covers the whole axis (pad first, with {@link PadTo},
 * for a fixed output size).
 *
 * <p>With {@code catMaxRatio < 1}, a crop is rejected when one class covers at least that share of
 * its non-ignored pixels (or when it holds fewer than two classes), as mmseg's {@code
 * cat_max_ratio}: up to 10 crops are checked, and after 10 rejections an 11th is used unchecked.
 *
 * @param cropHeight output rows (at most)
 * @param cropWidth output columns (at most)
 * @param catMaxRatio the largest share of one class, in (0, 1]; 1 disables the check
 */
public record RandomCrop(int cropHeight, int cropWidth, double catMaxRatio)
        implements PairedTransform {

    /** Checks made before giving up, as mmseg. */
    public static final int TRIES = 10;

    /** Validates. */
    public RandomCrop {
        if (cropHeight <= 0 || cropWidth <= 0) {
            throw new IllegalArgumentException(
                    "crop must be positive, got " + cropHeight + "x" + cropWidth);
        }
        if (!(catMaxRatio > 0 && catMaxRatio <= 1)) {
            throw new IllegalArgumentException("catMaxRatio must be in (0, 1], got " + catMaxRatio);
        }
    }

    /**
     * A crop without the class-share check.
     *
     * @param cropHeight output rows
     * @param cropWidth output columns
     * @return the transform
     */
    public static RandomCrop of(int cropHeight, int cropWidth) {
        return new RandomCrop(cropHeight, cropWidth, 1.0);
    }

    @Override
    public SegmentationSample apply(SegmentationSample sample, SplittableRandom random) {
        int h = sample.height();
        int w = sample.width();
        int ch = Math.min(cropHeight, h);
        int cw = Math.min(cropWidth, w);
        int top = random.nextInt(h - ch + 1);
        int left = random.nextInt(w - cw + 1);
        if (catMaxRatio < 1) {
            for (int t = 0; t < TRIES && !acceptable(sample, top, left, ch, cw); t++) {
                top = random.nextInt(h - ch + 1);
                left = random.nextInt(w - cw + 1);
            }
        }
        return crop(sample, top, left, ch, cw);
    }

    /** Whether a crop holds at least two classes and none at catMaxRatio or more (255 ignored). */
    boolean acceptable(SegmentationSample sample, int top, int left, int ch, int cw) {
        int[] counts = new int[256];
        int w = sample.width();
        byte[] label = sample.label();
        for (int y = top; y < top + ch; y++) {
            for (int x = left; x < left + cw; x++) {
                counts[Byte.toUnsignedInt(label[y * w + x])]++;
            }
        }
        long total = 0;
        int max = 0;
        int classes = 0;
        for (int k = 0; k < 256; k++) {
            if (k == ClassCatalog.IGNORE_INDEX || counts[k] == 0) {
                continue;
            }
            classes++;
            total += counts[k];
            max = Math.max(max, counts[k]);
        }
        return classes > 1 && (double) max / total < catMaxRatio;
    }

    /**
     * Cuts a window out of a sample.
     *
     * @param sample the input
     * @param top first row
     * @param left first column
     * @param ch rows
     * @param cw columns
     * @return the window
     */
    public static SegmentationSample crop(
            SegmentationSample sample, int top, int left, int ch, int cw) {
        int h = sample.height();
        int w = sample.width();
        if (top < 0 || left < 0 || top + ch > h || left + cw > w) {
            throw new IllegalArgumentException("window " + ch + "x" + cw + " at (" + top + ", "
                    + left + ") is outside " + h + "x" + w);
        }
        if (ch == h && cw == w) {
            return sample;
        }
        float[] image = new float[3 * ch * cw];
        byte[] label = new byte[ch * cw];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(sample.label(), (top + y) * w + left, label, y * cw, cw);
            for (int c = 0; c < 3; c++) {
                System.arraycopy(sample.image(), c * h * w + (top + y) * w + left,
                        image, c * ch * cw + y * cw, cw);
            }
        }
        return new SegmentationSample(ch, cw, image, label);
    }

    @Override
    public Optional<Size> outputSize(Optional<Size> input) {
        return input.map(s ->
                new Size(Math.min(s.height(), cropHeight), Math.min(s.width(), cropWidth)));
    }
}
