package io.dropclass.report.image;

import io.dropclass.data.image.RgbImage;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Heat maps (e.g. Grad-CAM, values in [0, 1]) painted in a jet colour map over an image, for
 * side-by-side figures. Takes plain arrays: no tensors here.
 *
 * <p>The colour map is the classic piecewise-linear jet: for v in [0, 1], red = clamp(1.5 − |4v −
 * 3|), green = clamp(1.5 − |4v − 2|), blue = clamp(1.5 − |4v − 1|), each clamped to [0, 1] and
 * rounded to 0..255: dark blue (0, 0, 128) at 0, cyan-green-yellow in between, dark red (128, 0,
 * 0) at 1.
 */
public final class HeatMaps {

    private HeatMaps() {}

    /**
     * The jet colour of a value.
     *
     * @param value in [0, 1]
     * @return 0xRRGGBB
     */
    public static int jet(double value) {
        checkValue(value, 0);
        double r = clamp(1.5 - Math.abs(4 * value - 3));
        double g = clamp(1.5 - Math.abs(4 * value - 2));
        double b = clamp(1.5 - Math.abs(4 * value - 1));
        return (level(r) << 16) | (level(g) << 8) | level(b);
    }

    /**
     * The heat map alone, in jet colours.
     *
     * @param heat {@code height * width} values in [0, 1], row-major
     * @param height rows
     * @param width columns
     * @return a new {@link BufferedImage#TYPE_INT_RGB} image
     */
    public static BufferedImage colour(float[] heat, int height, int width) {
        checkHeat(heat, height, width);
        int[] rgb = new int[heat.length];
        for (int i = 0; i < heat.length; i++) {
            rgb[i] = jet(heat[i]);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }

    /**
     * The heat map blended over an image: {@code (1 − alpha) · image + alpha · jet(heat)} per
     * channel, rounded.
     *
     * @param imagePlanarRgb {@code 3 * height * width} floats in [0, 1], planar RGB (the image
     *     before normalisation; values are clamped as {@link RgbImage#toBufferedImage} does)
     * @param heat {@code height * width} values in [0, 1], row-major
     * @param height rows
     * @param width columns
     * @param alpha the heat map's opacity in [0, 1]
     * @return a new {@link BufferedImage#TYPE_INT_RGB} image
     */
    public static BufferedImage overlay(
            float[] imagePlanarRgb, float[] heat, int height, int width, double alpha) {
        MaskImages.requireOpacity(alpha);
        checkHeat(heat, height, width);
        return MaskImages.blendedOver(new RgbImage(height, width, imagePlanarRgb), alpha,
                i -> jet(heat[i]));
    }

    /**
     * The usual Grad-CAM figure row: [image | overlay of each map], via {@link
     * MaskImages#sideBySide}.
     *
     * @param imagePlanarRgb {@code 3 * height * width} floats in [0, 1], planar RGB
     * @param heats one or more maps, each {@code height * width} values in [0, 1] (e.g. one per
     *     method, or per class)
     * @param height rows
     * @param width columns
     * @param alpha the maps' opacity in [0, 1]
     * @return a new image
     */
    public static BufferedImage panels(
            float[] imagePlanarRgb, List<float[]> heats, int height, int width, double alpha) {
        if (heats.isEmpty()) {
            throw new IllegalArgumentException("heats must not be empty");
        }
        List<BufferedImage> panels = new ArrayList<>();
        panels.add(new RgbImage(height, width, imagePlanarRgb).toBufferedImage());
        for (float[] heat : heats) {
            panels.add(overlay(imagePlanarRgb, heat, height, width, alpha));
        }
        return MaskImages.sideBySide(panels);
    }

    private static void checkHeat(float[] heat, int height, int width) {
        if (height <= 0 || width <= 0 || heat.length != height * width) {
            throw new IllegalArgumentException(
                    "heat must hold " + height + "*" + width + " values, got " + heat.length);
        }
        for (int i = 0; i < heat.length; i++) {
            checkValue(heat[i], i);
        }
    }

    private static void checkValue(double value, int index) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(
                    "heat values must be in [0, 1], got " + value + " at " + index);
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static int level(double v) {
        return (int) Math.round(v * 255);
    }
}
