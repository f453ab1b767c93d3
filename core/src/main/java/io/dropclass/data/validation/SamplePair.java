package io.dropclass.data.validation;

import java.nio.file.Path;

/**
 * An image file and its mask file.
 *
 * @param image the image (PNG, JPEG or BMP)
 * @param mask the mask (PNG)
 */
public record SamplePair(Path image, Path mask) {

    /** Validates the fields. */
    public SamplePair {
        if (image == null || mask == null) {
            throw new IllegalArgumentException("a sample pair needs an image and a mask");
        }
    }
}
