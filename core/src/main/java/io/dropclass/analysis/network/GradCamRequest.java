package io.dropclass.analysis.network;

/**
 * What one Grad-CAM map explains: an image, a class and the pixels the class score sums over.
 *
 * @param image {@code 3 * height * width} floats, planar RGB, already normalised (see {@link
 *     io.dropclass.inference.ImageNormalization})
 * @param height H
 * @param width W
 * @param classId the target class c
 * @param target how to choose the target pixels
 * @param labels {@code height * width} ground-truth train ids (unsigned bytes) for {@link
 *     CamTarget#GROUND_TRUTH}; ignored (may be null) for {@link CamTarget#PREDICTED}
 */
public record GradCamRequest(
        float[] image, int height, int width, int classId, CamTarget target, byte[] labels) {

    /**
     * Pixels in the image, H·W.
     *
     * @return the count
     */
    public int pixels() {
        return height * width;
    }
}
