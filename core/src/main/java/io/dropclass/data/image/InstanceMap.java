package io.dropclass.data.image;

import java.util.Arrays;

/**
 * An instance-id map read from an image file such as Cityscapes' {@code *_instanceIds.png}: one
 * value per pixel, row-major, 0..65535.
 *
 * <p>The array is not copied: the record owns it and callers must not modify it. Equality compares
 * the values.
 *
 * @param height rows
 * @param width columns
 * @param ids {@code height * width} values
 */
public record InstanceMap(int height, int width, int[] ids) {

    /** Validates the sizes. */
    public InstanceMap {
        PixelGrids.requireSize("instance map", height, width, "ids", ids.length, 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceMap other
                && height == other.height
                && width == other.width
                && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "InstanceMap[height=" + height + ", width=" + width + "]";
    }
}
