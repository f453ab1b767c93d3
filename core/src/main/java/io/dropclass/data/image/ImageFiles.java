package io.dropclass.data.image;

import io.dropclass.results.AtomicFiles;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads images into planar RGB floats and writes PNG files.
 *
 * <p>Reading accepts PNG, JPEG and BMP (detected from the file's signature, not its name) in grey,
 * grey + alpha, RGB, RGBA and palette form, 8 or 16 bits. Alpha is dropped, not composited (as
 * PIL's {@code convert("RGB")}). Values are read from raster samples and scaled by the sample range
 * (v / 255 for 8 bits, v / 65535 for 16 bits); grey is repeated in the three channels.
 *
 * <p>Every failure is an {@link IOException} with a one-line message that starts with the file and
 * says what is wrong: "no such file", "empty file", "not a PNG, JPEG or BMP image", "truncated PNG
 * file (...)", "corrupt JPEG data (...)".
 */
public final class ImageFiles {

    private ImageFiles() {}

    /**
     * Reads an image.
     *
     * @param file a PNG, JPEG or BMP file
     * @return its pixels as planar RGB floats in [0, 1]
     * @throws IOException if the file is missing, empty, of another format, truncated or corrupt
     */
    public static RgbImage read(Path file) throws IOException {
        return toRgbImage(ImageDecoding.decode(file));
    }

    /**
     * Writes planar RGB floats as an 8-bit RGB PNG (values clamped to [0, 1] and rounded).
     *
     * @param file the target, replaced atomically; missing folders are created
     * @param image the image
     * @throws IOException if the file cannot be written
     */
    public static void writePng(Path file, RgbImage image) throws IOException {
        writePng(file, image.toBufferedImage());
    }

    /**
     * Writes an image as PNG through a temporary file in the same folder and a rename, so that a
     * failure never leaves a half-written PNG.
     *
     * @param file the target, replaced atomically; missing folders are created
     * @param image the image; its colour model is kept (a palette image stays indexed)
     * @throws IOException if no PNG encoder accepts the image or the file cannot be written
     */
    public static void writePng(Path file, BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException(file + ": no PNG encoder for image type " + image.getType());
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /**
     * Converts a decoded image to planar RGB floats, reading raster samples (never {@code getRGB},
     * which converts linear grey to sRGB and so changes grey levels).
     *
     * @param image any image ImageIO decodes
     * @return planar RGB floats in [0, 1]
     */
    public static RgbImage toRgbImage(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        float[] planar = new float[3 * h * w];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int colourBands = cm.getNumColorComponents();
        boolean grey = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && colourBands == 1;
        boolean rgb = cm.getColorSpace().isCS_sRGB() && colourBands == 3;
        if (cm instanceof IndexColorModel palette) {
            readPalette(raster, palette, planar);
        } else if ((grey || rgb) && !cm.isAlphaPremultiplied()
                && readBytes(raster, grey ? 1 : 3, planar)) {
            return new RgbImage(h, w, planar); // 8-bit samples in a byte buffer, read directly
        } else if ((grey || rgb) && !cm.isAlphaPremultiplied()) {
            for (int band = 0; band < 3; band++) {
                readBand(
                        raster,
                        grey ? 0 : band,
                        cm.getComponentSize(grey ? 0 : band),
                        planar,
                        band);
            }
        } else {
            readArgb(image, planar);
        }
        return new RgbImage(h, w, planar);
    }

    /**
     * The fast path of 8-bit images (what PNG and JPEG decode into): the samples straight from the
     * raster's byte buffer, without a sample-model call per pixel.
     *
     * @param raster the raster
     * @param colours 3 (RGB, alpha ignored) or 1 (grey, copied to the three planes)
     * @param planar the target, (3, h, w)
     * @return false, with nothing written, when the raster is not of that kind
     */
    private static boolean readBytes(Raster raster, int colours, float[] planar) {
        if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || buffer.getNumBanks() != 1
                || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel model)
                || model.getNumBands() < colours) {
            return false;
        }
        for (int bits : model.getSampleSize()) {
            if (bits != 8) {
                return false;
            }
        }
        int h = raster.getHeight();
        int w = raster.getWidth();
        int plane = h * w;
        int pixelStride = model.getPixelStride();
        int scanline = model.getScanlineStride();
        int[] offsets = model.getBandOffsets();
        int origin = buffer.getOffset() - raster.getSampleModelTranslateY() * scanline
                - raster.getSampleModelTranslateX() * pixelStride;
        byte[] data = buffer.getData();
        for (int c = 0; c < 3; c++) {
            int band = colours == 1 ? 0 : c;
            for (int y = 0; y < h; y++) {
                int source = origin + y * scanline + offsets[band];
                int target = c * plane + y * w;
                for (int x = 0; x < w; x++) {
                    planar[target + x] = (data[source + x * pixelStride] & 0xFF) / 255f;
                }
            }
        }
        return true;
    }

    private static void readPalette(Raster raster, IndexColorModel palette, float[] planar) {
        int h = raster.getHeight();
        int w = raster.getWidth();
        int plane = h * w;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                planar[i] = palette.getRed(row[x]) / 255f;
                planar[plane + i] = palette.getGreen(row[x]) / 255f;
                planar[2 * plane + i] = palette.getBlue(row[x]) / 255f;
            }
        }
    }

    private static void readBand(Raster raster, int band, int bits, float[] planar, int plane) {
        int h = raster.getHeight();
        int w = raster.getWidth();
        float max = (float) ((1L << bits) - 1);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, band, row);
            int offset = plane * h * w + y * w;
            for (int x = 0; x < w; x++) {
                planar[offset + x] = row[x] / max;
            }
        }
    }

    /** Fallback for colour spaces other than sRGB and grey (e.g. ICC-tagged JPEGs). */
    private static void readArgb(BufferedImage image, float[] planar) {
        int h = image.getHeight();
        int w = image.getWidth();
        int plane = h * w;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                planar[i] = ((row[x] >> 16) & 0xFF) / 255f;
                planar[plane + i] = ((row[x] >> 8) & 0xFF) / 255f;
                planar[2 * plane + i] = (row[x] & 0xFF) / 255f;
            }
        }
    }

    /**
     * Reads a label map from a single-channel image of at most 8 bits: a palette PNG (the indices)
     * or a grey PNG such as Cityscapes' {@code *_labelIds.png} (the grey levels).
     *
     * @param file the image
     * @return the labels, unchanged (no id mapping)
     * @throws IOException if the file cannot be decoded or holds colours rather than labels
     */
    public static LabelMap readLabels(Path file) throws IOException {
        BufferedImage image = ImageDecoding.decode(file);
        Raster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        if (raster.getNumBands() != 1 || cm.getComponentSize(0) > 8) {
            throw new IOException(
                    file
                            + ": not a label image (expected one channel of at most 8 bits, got "
                            + raster.getNumBands()
                            + " channels of "
                            + cm.getComponentSize(0)
                            + " bits)");
        }
        int h = image.getHeight();
        int w = image.getWidth();
        byte[] labels = new byte[h * w];
        if (raster.getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel model
                && model.getSampleSize(0) == 8) {
            // 8-bit indices or grey levels in a byte buffer: rows copied directly
            int stride = model.getPixelStride();
            int scanline = model.getScanlineStride();
            int origin = buffer.getOffset() + model.getBandOffsets()[0]
                    - raster.getSampleModelTranslateY() * scanline
                    - raster.getSampleModelTranslateX() * stride;
            byte[] data = buffer.getData();
            for (int y = 0; y < h; y++) {
                int source = origin + y * scanline;
                if (stride == 1) {
                    System.arraycopy(data, source, labels, y * w, w);
                } else {
                    for (int x = 0; x < w; x++) {
                        labels[y * w + x] = data[source + x * stride];
                    }
                }
            }
            return new LabelMap(h, w, labels);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                labels[y * w + x] = (byte) row[x];
            }
        }
        return new LabelMap(h, w, labels);
    }

    /**
     * Reads an instance-id map from a single-channel image of up to 16 bits, such as Cityscapes'
     * 16-bit grey {@code *_gtFine_instanceIds.png} (label id, or label id × 1000 + instance
     * number).
     *
     * @param file the image
     * @return the raw sample values
     * @throws IOException if the file cannot be decoded or has more than one channel or 16 bits
     */
    public static InstanceMap readInstanceIds(Path file) throws IOException {
        BufferedImage image = ImageDecoding.decode(file);
        Raster raster = image.getRaster();
        int bits = image.getColorModel().getComponentSize(0);
        if (raster.getNumBands() != 1 || bits > 16) {
            throw new IOException(file + ": not an instance-id image (expected one channel of at"
                    + " most 16 bits, got " + raster.getNumBands() + " channels of " + bits
                    + " bits)");
        }
        int h = image.getHeight();
        int w = image.getWidth();
        int[] ids = new int[h * w];
        raster.getSamples(0, 0, w, h, 0, ids);
        return new InstanceMap(h, w, ids);
    }
}
