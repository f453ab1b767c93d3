package io.dropclass.report.image;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationSample;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.data.image.PixelGrids;
import io.dropclass.data.image.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Label maps as images: palette-indexed PNGs whose pixel index is the train id, colour-coded masks,
 * overlays on the input image and side-by-side comparison panels.
 *
 * <p>A label map is {@code height * width} unsigned bytes, row-major: train ids, or {@link
 * ClassCatalog#IGNORE_INDEX} for ignored pixels. Labels are never recovered from colours: {@link
 * ImageFiles#readLabels} reads raster samples (palette indices or grey levels).
 */
public final class MaskImages {

    /** What {@link #blendedOver}'s colour function returns for a pixel left as it is. */
    static final int NO_COLOUR = -1;

    /** White gap, in pixels, between the panels of {@link #sideBySide}. */
    public static final int PANEL_GAP = 4;

    private MaskImages() {}

    /**
     * The 256-entry palette of a label set: the class colours at their train ids, the ignore colour
     * at index 255 and at every unused index.
     *
     * @param catalog the label set
     * @return an opaque palette
     */
    public static IndexColorModel palette(ClassCatalog catalog) {
        return indexPalette(catalog::colour);
    }

    /**
     * An opaque 256-entry palette.
     *
     * @param colourOf index → 0xRRGGBB
     * @return the palette
     */
    static IndexColorModel indexPalette(IntUnaryOperator colourOf) {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            int rgb = colourOf.applyAsInt(i);
            r[i] = (byte) (rgb >> 16);
            g[i] = (byte) (rgb >> 8);
            b[i] = (byte) rgb;
        }
        return new IndexColorModel(8, 256, r, g, b);
    }

    /**
     * A label map as an 8-bit palette image ({@link BufferedImage#TYPE_BYTE_INDEXED}) whose pixel
     * values are the labels, unchanged.
     *
     * @param labels {@code height * width} unsigned bytes
     * @param height rows
     * @param width columns
     * @param catalog the label set, for the palette
     * @return the image
     */
    public static BufferedImage indexed(
            byte[] labels, int height, int width, ClassCatalog catalog) {
        checkSize(labels, height, width);
        BufferedImage image =
                new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, palette(catalog));
        image.getRaster().setDataElements(0, 0, width, height, labels);
        return image;
    }

    /**
     * Writes a label map as an 8-bit palette PNG: index = label, so that PIL opens it in mode "P"
     * and {@code numpy.array(image)} gives the train ids.
     *
     * @param file the target, replaced atomically
     * @param labels {@code height * width} unsigned bytes
     * @param height rows
     * @param width columns
     * @param catalog the label set, for the palette
     * @throws IOException if the file cannot be written
     */
    public static void writeLabelPng(
            Path file, byte[] labels, int height, int width, ClassCatalog catalog)
            throws IOException {
        ImageFiles.writePng(file, indexed(labels, height, width, catalog));
    }

    /**
     * A label map painted in the class colours (ignored pixels in the ignore colour).
     *
     * @param labels {@code height * width} unsigned bytes
     * @param height rows
     * @param width columns
     * @param catalog the label set, for the colours
     * @return a new {@link BufferedImage#TYPE_INT_RGB} image
     */
    public static BufferedImage colour(byte[] labels, int height, int width, ClassCatalog catalog) {
        checkSize(labels, height, width);
        int[] lut = lookupTable(catalog);
        int[] rgb = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            rgb[i] = lut[Byte.toUnsignedInt(labels[i])];
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }

    /**
     * Writes a label map painted in the class colours as an RGB PNG, for viewing.
     *
     * @param file the target, replaced atomically
     * @param labels {@code height * width} unsigned bytes
     * @param height rows
     * @param width columns
     * @param catalog the label set, for the colours
     * @throws IOException if the file cannot be written
     */
    public static void writeColourPng(
            Path file, byte[] labels, int height, int width, ClassCatalog catalog)
            throws IOException {
        ImageFiles.writePng(file, colour(labels, height, width, catalog));
    }

    /**
     * Blends the class colours over an image: out = (1 − α) · image + α · colour for labelled
     * pixels; ignored pixels keep the image.
     *
     * @param imagePlanarRgb {@code 3 * height * width} floats in [0, 1], planar RGB
     * @param labels {@code height * width} unsigned bytes
     * @param height rows
     * @param width columns
     * @param catalog the label set, for the colours
     * @param alpha the colour's opacity in [0, 1]
     * @return a new {@link BufferedImage#TYPE_INT_RGB} image
     */
    public static BufferedImage overlay(
            float[] imagePlanarRgb,
            byte[] labels,
            int height,
            int width,
            ClassCatalog catalog,
            double alpha) {
        requireOpacity(alpha);
        checkSize(labels, height, width);
        return blendedOver(new RgbImage(height, width, imagePlanarRgb), alpha, i -> {
            int label = Byte.toUnsignedInt(labels[i]);
            return label == ClassCatalog.IGNORE_INDEX ? NO_COLOUR : catalog.colour(label);
        });
    }

    /**
     * Places panels left to right, top-aligned, separated by {@value #PANEL_GAP} white pixels, on a
     * white background as tall as the tallest panel.
     *
     * @param panels one or more images, e.g. [image | ground truth | prediction]
     * @return a new {@link BufferedImage#TYPE_INT_RGB} image
     */
    public static BufferedImage sideBySide(List<BufferedImage> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("panels must not be empty");
        }
        int width = PANEL_GAP * (panels.size() - 1);
        int height = 0;
        for (BufferedImage p : panels) {
            width += p.getWidth();
            height = Math.max(height, p.getHeight());
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] white = new int[width * height];
        Arrays.fill(white, 0xFFFFFF);
        out.setRGB(0, 0, width, height, white, 0, width);
        int x = 0;
        for (BufferedImage p : panels) {
            // getRGB is right here: these are sRGB images made for viewing, and grey panels
            // should look as they look on screen.
            int[] rgb = p.getRGB(0, 0, p.getWidth(), p.getHeight(), null, 0, p.getWidth());
            out.setRGB(x, 0, p.getWidth(), p.getHeight(), rgb, 0, p.getWidth());
            x += p.getWidth() + PANEL_GAP;
        }
        return out;
    }

    /**
     * The usual comparison panel: [image | ground truth | prediction], masks in class colours.
     *
     * @param sample the image and its ground truth
     * @param prediction predicted labels, {@code height * width} unsigned bytes
     * @param catalog the label set, for the colours
     * @return a new image
     */
    public static BufferedImage comparison(
            SegmentationSample sample, byte[] prediction, ClassCatalog catalog) {
        int h = sample.height();
        int w = sample.width();
        return sideBySide(
                List.of(
                        RgbImage.of(sample).toBufferedImage(),
                        colour(sample.label(), h, w, catalog),
                        colour(prediction, h, w, catalog)));
    }

    private static int[] lookupTable(ClassCatalog catalog) {
        int[] lut = new int[256];
        for (int i = 0; i < lut.length; i++) {
            lut[i] = catalog.colour(i);
        }
        return lut;
    }

    /** Checks an overlay's opacity. */
    static void requireOpacity(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
    }

    /**
     * The image with a colour blended over each pixel that has one.
     *
     * @param image the image
     * @param alpha the colour's opacity in [0, 1]
     * @param colourOf row-major pixel index → 0xRRGGBB, or {@link #NO_COLOUR} to leave the pixel
     * @return a new {@link BufferedImage#TYPE_INT_RGB} image
     */
    static BufferedImage blendedOver(RgbImage image, double alpha, IntUnaryOperator colourOf) {
        int height = image.height();
        int width = image.width();
        BufferedImage out = image.toBufferedImage();
        int[] rgb = out.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < rgb.length; i++) {
            int colour = colourOf.applyAsInt(i);
            if (colour != NO_COLOUR) {
                rgb[i] = blend(rgb[i], colour, alpha);
            }
        }
        out.setRGB(0, 0, width, height, rgb, 0, width);
        return out;
    }

    /** (1 − α)·image + α·colour per 8-bit channel of two 0xRRGGBB colours, rounded. */
    static int blend(int imageRgb, int classRgb, double alpha) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (imageRgb >> shift) & 0xFF;
            int c = (classRgb >> shift) & 0xFF;
            out |= (int) Math.round((1 - alpha) * a + alpha * c) << shift;
        }
        return out;
    }

    private static void checkSize(byte[] labels, int height, int width) {
        PixelGrids.requireSize("mask", height, width, "labels", labels.length, 1);
    }
}
