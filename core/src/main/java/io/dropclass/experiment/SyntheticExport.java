package io.dropclass.experiment;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import io.dropclass.data.SegmentationSample;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.data.image.RgbImage;
import io.dropclass.data.synthetic.StreetSceneDataset;
import io.dropclass.data.synthetic.SyntheticSplit;
import io.dropclass.report.image.MaskImages;
import io.dropclass.results.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Writes synthetic street scenes as a folder dataset ({@code io.dropclass.data.folder}): {@code
 * images/<stem>.png} (8-bit RGB), {@code masks/<stem>.png} (8-bit palette, index = train id, 255 =
 * ignore) and {@code classes.txt} ({@code name R G B} per class in train-id order, then {@code
 * ignore 0 0 0}). Read back with {@code data.dataset=folder data.root=DIR data.train_split=all}, or
 * from Python with PIL ({@code numpy.array(Image.open(mask))} gives the train ids).
 *
 * <p>Every file is written atomically (temporary file and rename); {@code classes.txt} is written
 * last, so a folder without it was interrupted.
 */
public final class SyntheticExport {

    /** The classes file's name. */
    public static final String CLASSES_FILE = "classes.txt";

    private SyntheticExport() {}

    /**
     * What to generate.
     *
     * @param split train (follows the seed), val or shift (fixed sets)
     * @param images number of images, at least 1
     * @param height rows
     * @param width columns
     * @param seed the seed of the train split
     */
    public record Request(SyntheticSplit split, int images, int height, int width, long seed) {}

    /**
     * What was written.
     *
     * @param root the dataset folder
     * @param images number of image/mask pairs
     * @param fingerprint the generated split's fingerprint
     */
    public record Written(Path root, int images, String fingerprint) {}

    /**
     * The stem of image {@code index}: zero-padded, so the folder's sorted listing is the
     * generation order.
     *
     * @param index the sample index
     * @return e.g. {@code scene-00007}
     */
    public static String stem(int index) {
        return String.format(Locale.ROOT, "scene-%05d", index);
    }

    /**
     * Generates the scenes and writes the folder dataset.
     *
     * @param root the target folder; must be missing or empty
     * @param request what to generate
     * @param progress receives the number of pairs written so far after each pair
     * @return what was written
     * @throws IOException if the folder is not empty or a file cannot be written
     * @throws IllegalArgumentException if the sizes are invalid
     */
    public static Written write(Path root, Request request, IntConsumer progress)
            throws IOException {
        requireEmpty(root);
        StreetSceneDataset dataset = StreetSceneDataset.of(request.seed(), request.split(),
                request.images(), request.height(), request.width());
        ClassCatalog classes = dataset.classes();
        Path images = Files.createDirectories(root.resolve("images"));
        Path masks = Files.createDirectories(root.resolve("masks"));
        for (int i = 0; i < dataset.size(); i++) {
            SegmentationSample sample = dataset.get(i);
            String file = stem(i) + ".png";
            ImageFiles.writePng(images.resolve(file), RgbImage.of(sample));
            MaskImages.writeLabelPng(masks.resolve(file), sample.label(), sample.height(),
                    sample.width(), classes);
            progress.accept(i + 1);
        }
        AtomicFiles.writeString(root.resolve(CLASSES_FILE), classesText(classes));
        return new Written(root, dataset.size(), dataset.fingerprint());
    }

    /**
     * The classes file of a label set: {@code name R G B} per class, then the ignore colour.
     *
     * @param classes the label set
     * @return the file's text
     */
    static String classesText(ClassCatalog classes) {
        StringBuilder text = new StringBuilder("# train id = line number among classes\n");
        for (ClassInfo c : classes.classes()) {
            text.append(c.name()).append(' ').append(c.red()).append(' ').append(c.green())
                    .append(' ').append(c.blue()).append('\n');
        }
        int ignore = ClassCatalog.IGNORE_RGB;
        text.append(String.format(Locale.ROOT, "ignore %d %d %d\n", ignore >> 16 & 0xFF,
                ignore >> 8 & 0xFF, ignore & 0xFF));
        return text.toString();
    }

    private static void requireEmpty(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is a file; give --output a new or empty folder");
        }
        try (Stream<Path> entries = Files.list(root)) {
            if (entries.findAny().isPresent()) {
                throw new IOException(root + " is not empty; give --output a new or empty folder");
            }
        }
    }
}
