package io.dropclass.report.image;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.cityscapes.CityscapesFileName;
import io.dropclass.data.cityscapes.CityscapesLabels;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.data.image.RgbImage;
import io.dropclass.data.voc.VocClasses;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The files {@code dropclass predict} writes for an input image {@code NAME.ext} in the output
 * folder OUT, one kind per format:
 *
 * <ul>
 *   <li>{@code trainid}: {@code OUT/NAME.png}, 8-bit palette PNG, index = train id, the label set's
 *       colours;
 *   <li>{@code color}: {@code OUT/NAME_color.png}, RGB in the class colours;
 *   <li>{@code overlay}: {@code OUT/NAME_overlay.png}, the class colours blended over the image;
 *   <li>{@code cityscapes}: {@code OUT/<city>/NAME.png}, 8-bit grey, the official label id of each
 *       pixel's train id (7 road ... 33 bicycle; 255 is never written), for the official evaluation
 *       script and benchmark server, which match a prediction to a frame by a name starting with
 *       {@code <city>_<seq>_<frame>}, in any sub-folder;
 *   <li>{@code voc}: {@code OUT/NAME.png}, 8-bit palette PNG, index = class, with the standard VOC
 *       colour map (255, the border/ignore index, is (224, 224, 192)), as the VOC devkit reads
 *       {@code SegmentationClass} files.
 * </ul>
 */
public enum PredictionFormat {

    /** Palette PNG, index = train id. */
    TRAINID,
    /** RGB PNG in the class colours. */
    COLOR,
    /** The class colours over the image. */
    OVERLAY,
    /** Grey PNG of Cityscapes label ids, in a sub-folder per city. */
    CITYSCAPES,
    /** Palette PNG, index = class, VOC colour map. */
    VOC;

    /** What {@code predict} writes without {@code --format}: masks and overlays. */
    public static final List<PredictionFormat> DEFAULT = List.of(TRAINID, OVERLAY);

    /** The lower-case name used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a comma-separated list of formats.
     *
     * @param list e.g. "trainid,overlay" or "cityscapes"
     * @return the formats, in the given order, without repeats
     * @throws IllegalArgumentException for an unknown name, an empty list, cityscapes with another
     *     format, or trainid with voc (both write NAME.png)
     */
    public static List<PredictionFormat> parse(String list) {
        List<PredictionFormat> formats = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            PredictionFormat format = Arrays.stream(values()).filter(f -> f.id().equals(name))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "--format: unknown format '" + part.strip() + "'; use "
                                    + names() + ", or several separated by commas"));
            if (!formats.contains(format)) {
                formats.add(format);
            }
        }
        if (formats.contains(CITYSCAPES) && formats.size() > 1) {
            throw new IllegalArgumentException("--format " + list + ": give cityscapes alone;"
                    + " the official evaluation takes every <city>_<seq>_<frame>*.png below the"
                    + " folder as a prediction, so other files beside them would count twice");
        }
        if (formats.contains(TRAINID) && formats.contains(VOC)) {
            throw new IllegalArgumentException("--format " + list + ": trainid and voc both"
                    + " write NAME.png; give one of them, or run predict twice with another"
                    + " --output");
        }
        return List.copyOf(formats);
    }

    private static String names() {
        return Arrays.stream(values()).map(PredictionFormat::id)
                .collect(Collectors.joining(", "));
    }

    /**
     * Where this format writes the prediction of an input.
     *
     * @param output the output folder
     * @param input the input image
     * @return the file
     * @throws IllegalArgumentException for cityscapes, if the input is not named as a Cityscapes
     *     frame
     */
    public Path target(Path output, Path input) {
        String stem = input.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return switch (this) {
            case TRAINID, VOC -> output.resolve(stem + ".png");
            case COLOR -> output.resolve(stem + "_color.png");
            case OVERLAY -> output.resolve(stem + "_overlay.png");
            case CITYSCAPES -> output.resolve(frame(input).city()).resolve(stem + ".png");
        };
    }

    /**
     * The Cityscapes name parts of an input.
     *
     * @param input an image named {@code <city>_<seq>_<frame>_leftImg8bit.png}
     * @return its parts
     * @throws IllegalArgumentException if it is named otherwise
     */
    public static CityscapesFileName frame(Path input) {
        return CityscapesFileName.parse(input).orElseThrow(() -> new IllegalArgumentException(
                "input " + input + ": not a Cityscapes frame name"
                        + " (<city>_<seq>_<frame>_leftImg8bit.png), by which the official"
                        + " evaluation matches predictions; rename it or use --format trainid"));
    }

    /**
     * Writes one prediction.
     *
     * @param file the target ({@link #target}), replaced atomically; folders are created
     * @param image the input image
     * @param mask the predicted train ids, {@code height * width} unsigned bytes
     * @param catalog the classes of the prediction
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException for cityscapes, if the catalog is not the 19 Cityscapes
     *     classes
     */
    public void write(Path file, RgbImage image, byte[] mask, ClassCatalog catalog)
            throws IOException {
        int h = image.height();
        int w = image.width();
        switch (this) {
            case TRAINID -> MaskImages.writeLabelPng(file, mask, h, w, catalog);
            case COLOR -> MaskImages.writeColourPng(file, mask, h, w, catalog);
            case OVERLAY -> ImageFiles.writePng(file,
                    MaskImages.overlay(image.planar(), mask, h, w, catalog, 0.5));
            case CITYSCAPES -> ImageFiles.writePng(file, cityscapesLabelIds(mask, h, w, catalog));
            case VOC -> ImageFiles.writePng(file, vocIndexed(mask, h, w));
            default -> throw new IllegalStateException(id());
        }
    }

    /**
     * Predicted train ids as an 8-bit grey image of Cityscapes label ids.
     *
     * @param mask train ids 0..18, {@code height * width} unsigned bytes
     * @param height rows
     * @param width columns
     * @param catalog the classes (must be the Cityscapes catalog)
     * @return a {@link BufferedImage#TYPE_BYTE_GRAY} image
     */
    public static BufferedImage cityscapesLabelIds(
            byte[] mask, int height, int width, ClassCatalog catalog) {
        requireCityscapes(catalog);
        byte[] ids = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            ids[i] = (byte) CityscapesLabels.labelIdOfTrainId(Byte.toUnsignedInt(mask[i]));
        }
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setDataElements(0, 0, width, height, ids);
        return grey;
    }

    /**
     * Checks that predictions can be written as Cityscapes label ids.
     *
     * @param catalog the classes of the prediction
     * @throws IllegalArgumentException if they are not the 19 Cityscapes classes
     */
    public static void requireCityscapes(ClassCatalog catalog) {
        ClassCatalog cityscapes = ClassCatalog.cityscapes();
        if (!catalog.name().equals(cityscapes.name()) || catalog.size() != cityscapes.size()) {
            throw new IllegalArgumentException("--format cityscapes: the checkpoint predicts the "
                    + catalog.size() + " " + catalog.name() + " classes, not the 19 Cityscapes"
                    + " classes; use --format trainid");
        }
    }

    /**
     * The standard VOC colour map over all 256 indices.
     *
     * @return an opaque palette, 255 = (224, 224, 192)
     */
    public static IndexColorModel vocPalette() {
        return MaskImages.indexPalette(VocClasses::paletteColour);
    }

    private static BufferedImage vocIndexed(byte[] mask, int height, int width) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED,
                vocPalette());
        image.getRaster().setDataElements(0, 0, width, height, mask);
        return image;
    }
}
