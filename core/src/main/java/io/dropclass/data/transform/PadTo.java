package io.dropclass.data.transform;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationSample;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Pads at the bottom and right to at least a size: the image with a per-channel fill value (raw
 * [0, 1] space), the mask with the ignore index. Larger samples pass unchanged. Not random.
 *
 * @param height minimum rows
 * @param width minimum columns
 * @param fill the image value per channel (R, G, B): 0 in the official recipe, or e.g. the ImageNet
 *     mean so that padding normalises to 0
 */
public record PadTo(int height, int width, float[] fill) implements PairedTransform {

    /** Validates and copies. */
    public PadTo {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + height + "x"
                    + width);
        }
        if (fill.length != 3) {
            throw new IllegalArgumentException("fill needs 3 values, got " + fill.length);
        }
        fill = fill.clone();
    }

    /**
     * Pads with black (image 0), as the official recipe.
     *
     * @param height minimum rows
     * @param width minimum columns
     * @return the transform
     */
    public static PadTo black(int height, int width) {
        return new PadTo(height, width, new float[3]);
    }

    @Override
    public float[] fill() {
        return fill.clone();
    }

    @Override
    public SegmentationSample apply(SegmentationSample sample, SplittableRandom random) {
        int h = sample.height();
        int w = sample.width();
        if (h >= height && w >= width) {
            return sample;
        }
        int ph = Math.max(h, height);
        int pw = Math.max(w, width);
        float[] image = new float[3 * ph * pw];
        byte[] label = new byte[ph * pw];
        Arrays.fill(label, (byte) ClassCatalog.IGNORE_INDEX);
        for (int c = 0; c < 3; c++) {
            Arrays.fill(image, c * ph * pw, (c + 1) * ph * pw, fill[c]);
        }
        for (int y = 0; y < h; y++) {
            System.arraycopy(sample.label(), y * w, label, y * pw, w);
            for (int c = 0; c < 3; c++) {
                System.arraycopy(sample.image(), c * h * w + y * w, image, c * ph * pw + y * pw, w);
            }
        }
        return new SegmentationSample(ph, pw, image, label);
    }

    @Override
    public Optional<Size> outputSize(Optional<Size> input) {
        return input.map(s -> new Size(Math.max(s.height(), height), Math.max(s.width(), width)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PadTo p
                && p.height == height
                && p.width == width
                && Arrays.equals(p.fill, fill);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(fill);
    }

    @Override
    public String toString() {
        return "PadTo[" + height + "x" + width + ", fill=" + Arrays.toString(fill) + "]";
    }
}
