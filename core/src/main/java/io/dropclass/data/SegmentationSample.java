package io.dropclass.data;

/**
 * One image and its label map, in memory.
 *
 * <p>The image is planar RGB, {@code (3, height, width)} in row-major order, with values in [0, 1]
 * (not normalised: normalisation belongs to the model's input pipeline). The label holds one train
 * id per pixel, row-major, with {@link ClassCatalog#IGNORE_INDEX} (255, stored as byte -1) for
 * ignored pixels; read it with {@link #labelAt(int)}.
 *
 * <p>The arrays are owned by the sample and not copied: callers must not modify them.
 *
 * @param height rows
 * @param width columns
 * @param image {@code 3 * height * width} floats, planar RGB in [0, 1]
 * @param label {@code height * width} unsigned bytes
 */
public record SegmentationSample(int height, int width, float[] image, byte[] label) {

    /** Validates the sizes. */
    public SegmentationSample {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "sample size must be positive, got " + height + "x" + width);
        }
        if (image.length != 3 * height * width) {
            throw new IllegalArgumentException(
                    "image must hold 3*" + height + "*" + width + " values, got " + image.length);
        }
        if (label.length != height * width) {
            throw new IllegalArgumentException(
                    "label must hold " + height + "*" + width + " values, got " + label.length);
        }
    }

    /**
     * The label of one pixel.
     *
     * @param pixel row-major index {@code y * width + x}
     * @return a train id or 255
     */
    public int labelAt(int pixel) {
        return Byte.toUnsignedInt(label[pixel]);
    }
}
