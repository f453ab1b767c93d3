package io.dropclass.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir Path folder;

    /** A 2×3 image of distinct 8-bit levels, as planar floats. */
    static RgbImage smallImage() {
        float[] planar = new float[18];
        for (int i = 0; i < planar.length; i++) {
            planar[i] = (i * 14) / 255f;
        }
        return new RgbImage(2, 3, planar);
    }

    private Path writeWithImageIo(BufferedImage image, String format, String name)
            throws IOException {
        Path file = folder.resolve(name);
        assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
        return file;
    }

    @Test
    void writtenPngReadsBackWithTheSameLevels() throws IOException {
        Path file = folder.resolve("out/image.png");

        ImageFiles.writePng(file, smallImage());

        assertThat(ImageFiles.read(file)).isEqualTo(smallImage());
    }

    @Test
    void valuesOutsideTheUnitIntervalAreClampedWhenWritten() throws IOException {
        Path file = folder.resolve("clamped.png");
        float[] planar = {-0.5f, 2f, Float.NaN};

        ImageFiles.writePng(file, new RgbImage(1, 1, planar));

        assertThat(ImageFiles.read(file).planar()).containsExactly(0f, 1f, 0f);
    }

    @Test
    void greyPngGivesItsStoredLevelsInAllThreeChannels() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);
        grey.getRaster().setSample(1, 0, 0, 200);

        RgbImage image = ImageFiles.read(writeWithImageIo(grey, "png", "grey.png"));

        float a = 100 / 255f;
        float b = 200 / 255f;
        assertThat(image.planar()).containsExactly(a, b, a, b, a, b);
    }

    @Test
    void sixteenBitGreyIsScaledByItsRange() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSample(0, 0, 0, 65535);
        grey.getRaster().setSample(1, 0, 0, 0);

        RgbImage image = ImageFiles.read(writeWithImageIo(grey, "png", "grey16.png"));

        assertThat(image.planar()).containsExactly(1f, 0f, 1f, 0f, 1f, 0f);
    }

    @Test
    void palettePngGivesThePaletteColours() throws IOException {
        byte[] r = {(byte) 255, 0};
        byte[] g = {0, (byte) 51};
        byte[] b = {0, (byte) 102};
        BufferedImage indexed =
                new BufferedImage(
                        2, 1, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, r, g, b));
        indexed.getRaster().setSample(1, 0, 0, 1);

        RgbImage image = ImageFiles.read(writeWithImageIo(indexed, "png", "palette.png"));

        assertThat(image.planar()).containsExactly(1f, 0f, 0f, 0.2f, 0f, 0.4f);
    }

    @Test
    void alphaIsDroppedNotComposited() throws IOException {
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x20336699);

        RgbImage image = ImageFiles.read(writeWithImageIo(argb, "png", "alpha.png"));

        assertThat(image.planar()).containsExactly(0.2f, 0.4f, 0.6f);
    }

    @Test
    void bmpAndJpegAreReadToo() throws IOException {
        BufferedImage flat = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        int[] fill = new int[64];
        Arrays.fill(fill, 0x804020);
        flat.setRGB(0, 0, 8, 8, fill, 0, 8);

        RgbImage bmp = ImageFiles.read(writeWithImageIo(flat, "bmp", "flat.bmp"));
        RgbImage jpeg = ImageFiles.read(writeWithImageIo(flat, "jpeg", "flat.jpg"));

        assertThat(bmp.planar()[0]).isEqualTo(128 / 255f);
        assertThat(bmp.planar()[2 * 64]).isEqualTo(32 / 255f);
        assertThat(jpeg.height()).isEqualTo(8);
        assertThat(jpeg.planar()[64]).isCloseTo(64 / 255f, within(4 / 255f));
    }

    @Test
    void missingFileIsNamed() {
        Path file = folder.resolve("nowhere.png");

        assertThatThrownBy(() -> ImageFiles.read(file))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(file + ": no such file");
    }

    @Test
    void zeroByteFileIsReportedAsEmpty() throws IOException {
        Path file = Files.createFile(folder.resolve("zero.png"));

        assertThatThrownBy(() -> ImageFiles.read(file)).hasMessage(file + ": empty file");
    }

    @Test
    void textFileIsNotAnImage() throws IOException {
        Path file = Files.writeString(folder.resolve("notes.png"), "hello", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ImageFiles.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": not a PNG, JPEG or BMP image");
    }

    @Test
    void truncatedPngIsReportedAsTruncated() throws IOException {
        Path file = cutInHalf(noisyImage(), "png", "cut.png");

        assertThatThrownBy(() -> ImageFiles.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": truncated PNG file");
    }

    @Test
    void truncatedJpegIsAnErrorNotAGreyPaddedImage() throws IOException {
        Path file = cutInHalf(noisyImage(), "jpeg", "cut.jpg");

        assertThatThrownBy(() -> ImageFiles.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": truncated JPEG file");
    }

    @Test
    void corruptPngDataIsReportedOnOneLine() throws IOException {
        byte[] bytes = Files.readAllBytes(writeWithImageIo(noisyImage(), "png", "ok.png"));
        for (int i = 40; i < bytes.length - 20; i++) {
            bytes[i] = (byte) 0xA5;
        }
        Path file = Files.write(folder.resolve("corrupt.png"), bytes);

        assertThatThrownBy(() -> ImageFiles.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("PNG")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void failedWriteLeavesNoHalfWrittenFile() throws IOException {
        Path target = Files.createDirectories(folder.resolve("taken.png"));
        Files.createFile(target.resolve("keep"));

        assertThatThrownBy(() -> ImageFiles.writePng(target, smallImage()))
                .isInstanceOf(IOException.class);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("taken.png");
        }
    }

    @Test
    void rewritingReplacesTheFile() throws IOException {
        Path file = folder.resolve("image.png");
        ImageFiles.writePng(file, new RgbImage(1, 1, new float[3]));

        ImageFiles.writePng(file, smallImage());

        assertThat(ImageFiles.read(file)).isEqualTo(smallImage());
    }

    @Test
    void rgbImageChecksItsSize() {
        assertThatThrownBy(() -> new RgbImage(2, 2, new float[3]))
                .hasMessage("planar must hold 3*2*2 values, got 3");
    }

    private static BufferedImage noisyImage() {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x * y * 37) & 0xFF));
            }
        }
        return image;
    }

    private Path cutInHalf(BufferedImage image, String format, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(writeWithImageIo(image, format, "whole-" + name));
        return Files.write(folder.resolve(name), Arrays.copyOf(bytes, bytes.length / 2));
    }
}
