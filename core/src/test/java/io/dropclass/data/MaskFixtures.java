package io.dropclass.data;

import io.dropclass.data.image.ImageFiles;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes the tiny image and mask files of the dataset tests. */
public final class MaskFixtures {

    /** Rows of the fixture images. */
    public static final int H = 4;

    /** Columns of the fixture images. */
    public static final int W = 6;

    private MaskFixtures() {}

    /** An RGB PNG of size H x W (or another size) with a gradient. */
    public static Path rgbPng(Path file, int h, int w) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 40) << 16 | (y * 60) << 8 | 17);
            }
        }
        return write(file, image, "png");
    }

    /** An RGB PNG of the standard size. */
    public static Path rgbPng(Path file) {
        return rgbPng(file, H, W);
    }

    /** An RGB JPEG of the standard size. */
    public static Path jpeg(Path file) {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        return write(file, image, "jpg");
    }

    /** A grey 8-bit PNG holding these values. */
    public static Path greyPng(Path file, int[][] values) {
        BufferedImage image =
                new BufferedImage(values[0].length, values.length, BufferedImage.TYPE_BYTE_GRAY);
        fill(image.getRaster(), values);
        return write(file, image, "png");
    }

    /** A palette PNG holding these indices (palette: index i has colour (i, 255 - i, 7)). */
    public static Path palettePng(Path file, int[][] values) {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            r[i] = (byte) i;
            g[i] = (byte) (255 - i);
            b[i] = 7;
        }
        IndexColorModel palette = new IndexColorModel(8, 256, r, g, b);
        BufferedImage image =
                new BufferedImage(
                        values[0].length, values.length, BufferedImage.TYPE_BYTE_INDEXED, palette);
        fill(image.getRaster(), values);
        return write(file, image, "png");
    }

    /** An RGB PNG holding these colours (0xRRGGBB). */
    public static Path colourPng(Path file, int[][] rgb) {
        BufferedImage image =
                new BufferedImage(rgb[0].length, rgb.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rgb.length; y++) {
            for (int x = 0; x < rgb[0].length; x++) {
                image.setRGB(x, y, rgb[y][x]);
            }
        }
        return write(file, image, "png");
    }

    /** A H x W grid with a 255 border and {@code inner} inside. */
    public static int[][] bordered(int inner) {
        int[][] v = new int[H][W];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean border = y == 0 || x == 0 || y == H - 1 || x == W - 1;
                v[y][x] = border ? 255 : inner;
            }
        }
        return v;
    }

    /** A H x W grid whose rows hold these values. */
    public static int[][] rows(int... rowValues) {
        int[][] v = new int[rowValues.length][W];
        for (int y = 0; y < rowValues.length; y++) {
            java.util.Arrays.fill(v[y], rowValues[y]);
        }
        return v;
    }

    /** The labels of a sample as unsigned ints. */
    public static int[] labels(SegmentationSample s) {
        int[] out = new int[s.label().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.labelAt(i);
        }
        return out;
    }

    /** A grid flattened row-major. */
    public static int[] flat(int[][] v) {
        return java.util.Arrays.stream(v).flatMapToInt(java.util.Arrays::stream).toArray();
    }

    /** Writes a text file. */
    public static Path text(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fill(WritableRaster raster, int[][] values) {
        for (int y = 0; y < values.length; y++) {
            for (int x = 0; x < values[0].length; x++) {
                raster.setSample(x, y, 0, values[y][x]);
            }
        }
    }

    private static Path write(Path file, BufferedImage image, String format) {
        try {
            Files.createDirectories(file.getParent());
            if ("png".equals(format)) {
                ImageFiles.writePng(file, image);
            } else if (!ImageIO.write(image, format, file.toFile())) {
                throw new IOException("no writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
