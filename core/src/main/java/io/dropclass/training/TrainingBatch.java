package io.dropclass.training;

/**
 * One training batch on the host, ready to become tensors.
 *
 * @param iteration the optimizer step this batch is for
 * @param images (B, 3, H, W) normalised floats, row-major
 * @param labels B label maps of H·W unsigned bytes
 * @param height H
 * @param width W
 */
public record TrainingBatch(int iteration, float[] images, byte[][] labels, int height, int width) {

    /** The number of images B. */
    public int size() {
        return labels.length;
    }
}
