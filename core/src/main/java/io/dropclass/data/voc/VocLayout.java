package io.dropclass.data.voc;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.validation.DatasetSource;
import io.dropclass.data.validation.IndexedMasks;
import io.dropclass.data.validation.InvalidDatasetException;
import io.dropclass.data.validation.LayoutFiles;
import io.dropclass.data.validation.SamplePair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a PASCAL VOC 2012 split. {@code voc}: ids from {@code
 * ROOT/ImageSets/Segmentation/<split>.txt}, images {@code ROOT/JPEGImages/<id>.jpg}, masks {@code
 * ROOT/SegmentationClass/<id>.png}. {@code voc_aug}: masks from {@code ROOT/SegmentationClassAug/},
 * the list {@code <split>_aug.txt} (else {@code <split>.txt}) in ROOT or ImageSets/Segmentation;
 * its lines are ids or {@code /JPEGImages/x.jpg /SegmentationClassAug/x.png} pairs.
 */
public final class VocLayout {

    private static final String ROOT_FIX =
            "point --root at VOCdevkit/VOC2012 (the folder that holds JPEGImages/ and ImageSets/)";

    private VocLayout() {}

    /**
     * Lists a split.
     *
     * @param root the VOC2012 folder
     * @param split train, val, trainval (voc_aug: train means train_aug.txt)
     * @param augmented whether to read the SBD-augmented masks and lists
     * @return the pairs, the VOC catalog and the mask decoder
     * @throws IOException if the list is missing or unreadable
     */
    public static DatasetSource list(Path root, String split, boolean augmented)
            throws IOException {
        String name = augmented ? "voc_aug" : "voc";
        String masks = augmented ? "SegmentationClassAug" : "SegmentationClass";
        LayoutFiles.requireDirectory(root.resolve("JPEGImages"), name, root, ROOT_FIX);
        LayoutFiles.requireDirectory(root.resolve(masks), name, root, ROOT_FIX);
        Path list = listFile(root, split, augmented, name);
        List<SamplePair> pairs = new ArrayList<>();
        for (String line : LayoutFiles.listLines(list)) {
            String[] parts = line.split("\\s+");
            if (parts.length >= 2) {
                pairs.add(
                        new SamplePair(
                                LayoutFiles.resolve(root, parts[0]),
                                LayoutFiles.resolve(root, parts[1])));
            } else {
                pairs.add(
                        new SamplePair(
                                root.resolve("JPEGImages").resolve(parts[0] + ".jpg"),
                                root.resolve(masks).resolve(parts[0] + ".png")));
            }
        }
        ClassCatalog catalog = VocClasses.catalog();
        return new DatasetSource(
                name,
                split,
                root,
                catalog,
                IndexedMasks.identity(catalog.size()),
                pairs,
                List.of());
    }

    private static Path listFile(Path root, String split, boolean augmented, String name)
            throws InvalidDatasetException {
        List<String> names = new ArrayList<>();
        if (augmented && !split.endsWith("_aug")) {
            names.add(split + "_aug.txt");
        }
        names.add(split + ".txt");
        List<Path> candidates = new ArrayList<>();
        for (String file : names) {
            if (augmented) {
                candidates.add(root.resolve(file));
            }
            candidates.add(root.resolve("ImageSets/Segmentation").resolve(file));
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        throw new InvalidDatasetException(
                name
                        + " root "
                        + root
                        + ": no list "
                        + String.join(
                                " or ",
                                names.stream()
                                        .map(n -> (augmented ? "" : "ImageSets/Segmentation/") + n)
                                        .toList())
                        + "; "
                        + ROOT_FIX
                        + " and --split at one of its lists");
    }
}
