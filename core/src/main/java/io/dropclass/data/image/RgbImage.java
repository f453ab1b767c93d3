package io.dropclass.data.image;

import io.dropclass.data.SegmentationSample;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * An RGB image as planar floats, the layout of {@link SegmentationSample#image()}: {@code (3,
 * height, width)} row-major, values in [0, 1].
 *
 * <p>The array is not copied (images are large): the record owns it and callers must not modify it.
 * Equality compares the values.
 *
 * @param height rows
 * @param width columns
 * @param planar {@code 3 * height * width} floats: all red values, then green, then blue
 */
public record RgbImage(int height, int width, float[] planar) {

    /** Validates the sizes. */
    public RgbImage {
        PixelGrids.requireSize("image", height, width, "planar", planar.length, 3);
    }

    /**
     * The image of a sample (sharing its array).
     *
     * @param sample a sample
     * @return its image
     */
    public static RgbImage of(SegmentationSample sample) {
        return new RgbImage(sample.height(), sample.width(), sample.image());
    }

    /**
     * An 8-bit sRGB image of these values: each value is clamped to [0, 1] and rounded to the
     * nearest of 0..255; {@code NaN} becomes 0.
     *
     * @return a new {@link BufferedImage#TYPE_INT_RGB} image
     */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = image.getRaster();
        int plane = height * width;
        int[] row = new int[width];
        for (int band = 0; band < 3; band++) {
            for (int y = 0; y < height; y++) {
                int offset = band * plane + y * width;
                for (int x = 0; x < width; x++) {
                    row[x] = toByte(planar[offset + x]);
                }
                raster.setSamples(0, y, width, 1, band, row);
            }
        }
        return image;
    }

    /**
     * One value as an 8-bit level.
     *
     * @param value a value, nominally in [0, 1]
     * @return 0..255
     */
    static int toByte(float value) {
        if (!(value > 0)) {
            return 0; // also NaN
        }
        return value >= 1 ? 255 : Math.round(value * 255);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other
                && height == other.height
                && width == other.width
                && Arrays.equals(planar, other.planar);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(planar);
    }

    @Override
    public String toString() {
        return "RgbImage[height=" + height + ", width=" + width + "]";
    }
}
