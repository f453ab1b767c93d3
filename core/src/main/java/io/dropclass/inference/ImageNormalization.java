package io.dropclass.inference;

/**
 * Per-channel normalisation of planar RGB images in [0, 1]: {@code (v − mean_c) / std_c}.
 *
 * @param mean per-channel mean (R, G, B)
 * @param std per-channel standard deviation (R, G, B)
 */
public record ImageNormalization(float[] mean, float[] std) {

    /** ImageNet's statistics, used by HRNet and torchvision (docs/method.md §12.7). */
    public static final ImageNormalization IMAGENET =
            new ImageNormalization(
                    new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    /** Validates and copies the arrays. */
    public ImageNormalization {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values each");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * Normalises a planar RGB image into a destination array.
     *
     * @param planar (3, H, W) values in [0, 1]
     * @param destination the output array
     * @param offset where the image starts in the output
     */
    public void normalise(float[] planar, float[] destination, int offset) {
        int plane = planar.length / 3;
        for (int c = 0; c < 3; c++) {
            float m = mean[c];
            float inv = 1f / std[c];
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                destination[offset + base + i] = (planar[base + i] - m) * inv;
            }
        }
    }
}
