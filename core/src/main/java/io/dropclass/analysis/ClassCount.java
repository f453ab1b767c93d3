package io.dropclass.analysis;

import java.io.Serializable;

/**
 * How often one class occurs in a dataset. Pixels are labelled (non-ignored) pixels.
 *
 * @param id the train id
 * @param name the class name
 * @param pixels pixels labelled with this class
 * @param share {@code pixels} over all labelled pixels of the dataset, in [0, 1]; {@code NaN} when
 *     the dataset has no labelled pixels
 * @param images images containing at least one pixel of this class
 * @param pixelsOfImagesWithClass labelled pixels of the images containing this class (the
 *     denominator of median-frequency balancing)
 */
public record ClassCount(
        int id, String name, long pixels, double share, int images, long pixelsOfImagesWithClass)
        implements Serializable {

    /** Validates the fields. */
    public ClassCount {
        if (id < 0) {
            throw new IllegalArgumentException("id must be non-negative, got " + id);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got '" + name + "'");
        }
        if (pixels < 0) {
            throw new IllegalArgumentException("pixels must be non-negative, got " + pixels);
        }
        if (!Double.isNaN(share) && (share < 0 || share > 1)) {
            throw new IllegalArgumentException("share must be in [0, 1] or NaN, got " + share);
        }
        if (images < 0 || (images == 0) != (pixels == 0)) {
            throw new IllegalArgumentException(
                    "images must be non-negative and 0 exactly when pixels is 0, got "
                            + images
                            + " images for "
                            + pixels
                            + " pixels");
        }
        if (pixelsOfImagesWithClass < pixels) {
            throw new IllegalArgumentException(
                    "pixelsOfImagesWithClass must be at least pixels ("
                            + pixels
                            + "), got "
                            + pixelsOfImagesWithClass);
        }
    }
}
