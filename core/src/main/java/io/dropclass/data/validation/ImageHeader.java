package io.dropclass.data.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The size and channel count of an image file, read from its header without decoding the pixels
 * (PNG: the IHDR chunk; JPEG and BMP: ImageIO's reader).
 *
 * @param width columns
 * @param height rows
 * @param channels colour channels plus alpha (PNG palette and grey: 1; RGB: 3), 0 if unknown
 * @param bitDepth bits per sample (PNG), 0 if unknown
 * @param png whether the file is a PNG
 */
public record ImageHeader(int width, int height, int channels, int bitDepth, boolean png) {

    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
    };

    /** Whether this is a single-channel image of at most 8 bits, as label masks are. */
    public boolean singleChannel8Bit() {
        return channels == 1 && bitDepth <= 8;
    }

    /**
     * Reads the header of an image file.
     *
     * @param file a PNG, JPEG or BMP file
     * @return its header
     * @throws IOException if the file is missing, not an image or its header is damaged
     */
    public static ImageHeader read(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(33);
        }
        if (head.length >= 8 && java.util.Arrays.equals(head, 0, 8, PNG_SIGNATURE, 0, 8)) {
            return png(file, head);
        }
        return other(file);
    }

    private static ImageHeader png(Path file, byte[] head) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(head);
        if (head.length < 33 || b.getInt(12) != 0x49484452) {
            throw new IOException(file + ": truncated PNG header");
        }
        int width = b.getInt(16);
        int height = b.getInt(20);
        int depth = head[24];
        int channels =
                switch (head[25]) {
                    case 0, 3 -> 1;
                    case 2 -> 3;
                    case 4 -> 2;
                    case 6 -> 4;
                    default -> throw new IOException(file + ": PNG with unknown colour type");
                };
        if (width <= 0 || height <= 0) {
            throw new IOException(file + ": PNG of size " + width + "x" + height);
        }
        return new ImageHeader(width, height, channels, depth, true);
    }

    private static ImageHeader other(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(file + ": not a PNG, JPEG or BMP image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new ImageHeader(reader.getWidth(0), reader.getHeight(0), 0, 0, false);
            } finally {
                reader.dispose();
            }
        } catch (RuntimeException e) {
            throw new IOException(file + ": damaged image header (" + e.getMessage() + ")", e);
        }
    }
}
