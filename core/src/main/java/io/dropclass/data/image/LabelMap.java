package io.dropclass.data.image;

import io.dropclass.data.ClassCatalog;
import java.util.Arrays;

/**
 * A label map read from an image file: one unsigned byte per pixel, row-major, train ids or {@link
 * ClassCatalog#IGNORE_INDEX}, the layout of {@code SegmentationSample.label()}.
 *
 * <p>The array is not copied: the record owns it and callers must not modify it. Equality compares
 * the values.
 *
 * @param height rows
 * @param width columns
 * @param labels {@code height * width} unsigned bytes
 */
public record LabelMap(int height, int width, byte[] labels) {

    /** Validates the sizes. */
    public LabelMap {
        PixelGrids.requireSize("label map", height, width, "labels", labels.length, 1);
    }

    /**
     * The label of one pixel.
     *
     * @param pixel row-major index {@code y * width + x}
     * @return 0..255
     */
    public int labelAt(int pixel) {
        return Byte.toUnsignedInt(labels[pixel]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMap other
                && height == other.height
                && width == other.width
                && Arrays.equals(labels, other.labels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "LabelMap[height=" + height + ", width=" + width + "]";
    }
}
