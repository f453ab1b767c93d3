package io.dropclass.data.image;

/**
 * The size check every row-major pixel array shares: an image, a label map, an instance map, a
 * mask to draw.
 */
public final class PixelGrids {

    private PixelGrids() {}

    /**
     * Checks that a grid has a positive size and that its array holds one run of values per pixel.
     *
     * @param what the grid, for the message, e.g. {@code label map}
     * @param height rows
     * @param width columns
     * @param array the array's name, for the message, e.g. {@code labels}
     * @param length the array's length
     * @param perPixel values per pixel (3 for planar RGB)
     * @throws IllegalArgumentException if the size is not positive or the length does not fit
     */
    public static void requireSize(
            String what, int height, int width, String array, int length, int perPixel) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    what + " size must be positive, got " + height + "x" + width);
        }
        if (length != (long) perPixel * height * width) {
            throw new IllegalArgumentException(array + " must hold "
                    + (perPixel == 1 ? "" : perPixel + "*") + height + "*" + width
                    + " values, got " + length);
        }
    }
}
