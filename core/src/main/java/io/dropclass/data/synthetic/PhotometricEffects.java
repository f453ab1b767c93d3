package io.dropclass.data.synthetic;

import static io.dropclass.data.synthetic.Draws.between;
import static io.dropclass.data.synthetic.Draws.chance;

import java.util.SplittableRandom;

/**
 * What a camera adds to a rendered scene: a light blur (optics), global illumination changes
 * (exposure, colour cast, a brightness gradient, sometimes a large cast shadow) and sensor noise.
 * They make colours unreliable across images, so the model has to use shape and context.
 */
final class PhotometricEffects {

    private PhotometricEffects() {}

    /**
     * Applies blur, illumination and noise in place and clamps the result to [0, 1].
     *
     * @param image planar RGB, {@code 3 * height * width} values
     * @param height rows
     * @param width columns
     * @param r the sample's random source
     */
    static void apply(float[] image, int height, int width, SplittableRandom r) {
        blur(image, height, width);
        float gain = (float) between(r, 0.6, 1.3);
        float[] cast = new float[3];
        for (int ch = 0; ch < 3; ch++) {
            cast[ch] = gain * (float) between(r, 0.92, 1.08);
        }
        float gradX = (float) between(r, -0.3, 0.3) / width;
        float gradY = (float) between(r, -0.25, 0.25) / height;
        // a shadow edge a*x + b*y > c, as if cast by a building across the scene
        boolean shadow = chance(r, 0.35);
        double angle = between(r, 0, 2 * Math.PI);
        float sa = (float) StrictMath.cos(angle);
        float sb = (float) StrictMath.sin(angle);
        float sc =
                (float)
                        (between(r, -0.3, 0.3) * Math.max(width, height)
                                + sa * width / 2.0
                                + sb * height / 2.0);
        float shade = shadow ? (float) between(r, 0.55, 0.8) : 1f;
        float sigma = (float) between(r, 0.008, 0.045);
        int salt = r.nextInt();
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float light = 1f + gradX * (x - width * 0.5f) + gradY * (y - height * 0.5f);
                if (sa * x + sb * y > sc) {
                    light *= shade;
                }
                float luma = sigma * HashNoise.signed(x, y, salt);
                int p = y * width + x;
                for (int ch = 0; ch < 3; ch++) {
                    float chroma = 0.4f * sigma * HashNoise.signed(x, y, salt + 1 + ch);
                    float v = image[ch * plane + p] * light * cast[ch] + luma + chroma;
                    image[ch * plane + p] = v < 0f ? 0f : v > 1f ? 1f : v;
                }
            }
        }
    }

    /**
     * A separable [1 2 1] / 4 blur in both directions, edges repeated. Both passes walk along rows
     * (the vertical one keeps the previous and current original rows), which keeps memory access
     * sequential.
     */
    static void blur(float[] image, int height, int width) {
        int plane = height * width;
        float[] row = new float[width];
        float[] previous = new float[width];
        for (int ch = 0; ch < 3; ch++) {
            int base = ch * plane;
            for (int y = 0; y < height; y++) {
                int off = base + y * width;
                System.arraycopy(image, off, row, 0, width);
                for (int x = 0; x < width; x++) {
                    float left = row[Math.max(x - 1, 0)];
                    float right = row[Math.min(x + 1, width - 1)];
                    image[off + x] = 0.25f * (left + right) + 0.5f * row[x];
                }
            }
            System.arraycopy(image, base, previous, 0, width);
            for (int y = 0; y < height; y++) {
                int off = base + y * width;
                int below = base + Math.min(y + 1, height - 1) * width;
                System.arraycopy(image, off, row, 0, width);
                for (int x = 0; x < width; x++) {
                    image[off + x] = 0.25f * (previous[x] + image[below + x]) + 0.5f * row[x];
                }
                float[] swap = previous;
                previous = row;
                row = swap;
            }
        }
    }
}
