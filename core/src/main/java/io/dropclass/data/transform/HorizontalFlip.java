package io.dropclass.data.transform;

import io.dropclass.data.SegmentationSample;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Mirrors image and mask left-right with a probability (one draw of {@code nextDouble()}).
 *
 * @param probability the chance of a flip, in [0, 1]; 0.5 in the official recipe
 */
public record HorizontalFlip(double probability) implements PairedTransform {

    /** Validates the probability. */
    public HorizontalFlip {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
    }

    @Override
    public SegmentationSample apply(SegmentationSample sample, SplittableRandom random) {
        return random.nextDouble() < probability ? mirror(sample) : sample;
    }

    /**
     * Mirrors a sample left-right.
     *
     * @param sample the input
     * @return the mirrored copy
     */
    public static SegmentationSample mirror(SegmentationSample sample) {
        int h = sample.height();
        int w = sample.width();
        float[] image = new float[3 * h * w];
        byte[] label = new byte[h * w];
        float[] src = sample.image();
        byte[] lab = sample.label();
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                label[row + x] = lab[row + w - 1 - x];
            }
            for (int c = 0; c < 3; c++) {
                int base = c * h * w + row;
                for (int x = 0; x < w; x++) {
                    image[base + x] = src[base + w - 1 - x];
                }
            }
        }
        return new SegmentationSample(h, w, image, label);
    }

    @Override
    public Optional<Size> outputSize(Optional<Size> input) {
        return input;
    }
}
