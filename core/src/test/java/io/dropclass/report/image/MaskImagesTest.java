package io.dropclass.report.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import io.dropclass.data.SegmentationSample;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.data.image.LabelMap;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskImagesTest {

    static final ClassCatalog CATALOG =
            ClassCatalog.of(
                    "toy",
                    List.of(
                            new ClassInfo(0, "road", 0, 0x804080),
                            new ClassInfo(1, "car", 1, 0xFF0000),
                            new ClassInfo(2, "sky", 2, 0x4682B4)));

    /** 2×3 labels: road car sky / ignore 7 road (7 is no class but must survive a round trip). */
    static final byte[] LABELS = {0, 1, 2, (byte) 255, 7, 0};

    @TempDir Path folder;

    @Test
    void labelPngRoundTripKeepsEveryIndex() throws IOException {
        Path file = folder.resolve("masks/label.png");

        MaskImages.writeLabelPng(file, LABELS, 2, 3, CATALOG);

        assertThat(ImageFiles.readLabels(file)).isEqualTo(new LabelMap(2, 3, LABELS));
    }

    @Test
    void labelPngIsAnEightBitPaletteImageWithTheClassColours() throws IOException {
        Path file = folder.resolve("label.png");
        MaskImages.writeLabelPng(file, LABELS, 2, 3, CATALOG);

        ByteBuffer png = ByteBuffer.wrap(Files.readAllBytes(file));
        // IHDR is the first chunk: width, height, bit depth, colour type (3 = palette: PIL mode P)
        assertThat(png.getInt(12)).isEqualTo(0x49484452); // "IHDR"
        assertThat(png.get(24)).isEqualTo((byte) 8);
        assertThat(png.get(25)).isEqualTo((byte) 3);
        byte[] plte = chunk(png, "PLTE");
        assertThat(plte).hasSize(3 * 256);
        assertThat(rgbAt(plte, 1)).isEqualTo(0xFF0000);
        assertThat(rgbAt(plte, 2)).isEqualTo(0x4682B4);
        assertThat(rgbAt(plte, 255)).isEqualTo(ClassCatalog.IGNORE_RGB);
    }

    @Test
    void paletteHoldsClassColoursAtTrainIdsAndIgnoreColourElsewhere() {
        IndexColorModel palette = MaskImages.palette(CATALOG);

        assertThat(palette.getMapSize()).isEqualTo(256);
        assertThat(palette.getRGB(0) & 0xFFFFFF).isEqualTo(0x804080);
        assertThat(palette.getRGB(7) & 0xFFFFFF).isEqualTo(ClassCatalog.IGNORE_RGB);
        assertThat(palette.getRGB(255) & 0xFFFFFF).isEqualTo(ClassCatalog.IGNORE_RGB);
    }

    @Test
    void greyLabelIdPngIsReadAsItsLevels() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 26);
        grey.getRaster().setSample(1, 0, 0, 7);
        Path file = folder.resolve("labelIds.png");
        ImageFiles.writePng(file, grey);

        assertThat(ImageFiles.readLabels(file).labels()).containsExactly(26, 7);
    }

    @Test
    void colourPngIsRejectedAsALabelImage() throws IOException {
        Path file = folder.resolve("colour.png");
        MaskImages.writeColourPng(file, LABELS, 2, 3, CATALOG);

        assertThatThrownBy(() -> ImageFiles.readLabels(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": not a label image");
    }

    @Test
    void colourMaskPaintsClassColoursAndIgnoreInTheIgnoreColour() {
        BufferedImage image = MaskImages.colour(LABELS, 2, 3, CATALOG);

        assertThat(image.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(image.getRGB(0, 1) & 0xFFFFFF).isEqualTo(ClassCatalog.IGNORE_RGB);
        assertThat(image.getRGB(2, 1) & 0xFFFFFF).isEqualTo(0x804080);
    }

    @Test
    void overlayBlendsClassColoursAndLeavesIgnoredPixelsAsTheImage() {
        // Image (0.2, 0.4, 0.6) = (51, 102, 153) everywhere; labels: car, ignore.
        float[] planar = {0.2f, 0.2f, 0.4f, 0.4f, 0.6f, 0.6f};
        byte[] labels = {1, (byte) 255};

        BufferedImage image = MaskImages.overlay(planar, labels, 1, 2, CATALOG, 0.5);

        // (51 + 255) / 2 = 153, (102 + 0) / 2 = 51, (153 + 0) / 2 = 76.5 -> 77
        assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(153 << 16 | 51 << 8 | 77);
        assertThat(image.getRGB(1, 0) & 0xFFFFFF).isEqualTo(51 << 16 | 102 << 8 | 153);
    }

    @Test
    void overlayRejectsAnOpacityOutsideTheUnitInterval() {
        assertThatThrownBy(() -> MaskImages.overlay(new float[3], new byte[1], 1, 1, CATALOG, 1.5))
                .hasMessage("alpha must be in [0, 1], got 1.5");
    }

    @Test
    void sideBySidePlacesPanelsWithWhiteGapsOnTheTallestHeight() {
        BufferedImage a = MaskImages.colour(new byte[] {1, 1}, 1, 2, CATALOG);
        BufferedImage b = MaskImages.colour(new byte[] {2, 2, 2}, 3, 1, CATALOG);

        BufferedImage panel = MaskImages.sideBySide(List.of(a, b));

        assertThat(panel.getWidth()).isEqualTo(2 + MaskImages.PANEL_GAP + 1);
        assertThat(panel.getHeight()).isEqualTo(3);
        assertThat(panel.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(panel.getRGB(2, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(panel.getRGB(0, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(panel.getRGB(2 + MaskImages.PANEL_GAP, 2) & 0xFFFFFF).isEqualTo(0x4682B4);
    }

    @Test
    void comparisonShowsImageTruthAndPrediction() {
        SegmentationSample sample = new SegmentationSample(2, 3, new float[18], LABELS);
        byte[] prediction = {2, 2, 2, 2, 2, 2};

        BufferedImage panel = MaskImages.comparison(sample, prediction, CATALOG);

        int step = 3 + MaskImages.PANEL_GAP;
        assertThat(panel.getWidth()).isEqualTo(3 * 3 + 2 * MaskImages.PANEL_GAP);
        assertThat(panel.getRGB(0, 0) & 0xFFFFFF).isZero();
        assertThat(panel.getRGB(step + 1, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(panel.getRGB(2 * step, 0) & 0xFFFFFF).isEqualTo(0x4682B4);
    }

    @Test
    void labelsMustMatchTheSize() {
        assertThatThrownBy(() -> MaskImages.indexed(new byte[5], 2, 3, CATALOG))
                .hasMessage("labels must hold 2*3 values, got 5");
    }

    private static byte[] chunk(ByteBuffer png, String type) {
        int at = 8;
        while (at < png.limit()) {
            int length = png.getInt(at);
            String name = new String(png.array(), at + 4, 4, StandardCharsets.US_ASCII);
            if (name.equals(type)) {
                byte[] data = new byte[length];
                png.get(at + 8, data);
                return data;
            }
            at += 12 + length;
        }
        throw new AssertionError("no " + type + " chunk");
    }

    private static int rgbAt(byte[] plte, int index) {
        return (plte[3 * index] & 0xFF) << 16
                | (plte[3 * index + 1] & 0xFF) << 8
                | (plte[3 * index + 2] & 0xFF);
    }
}
