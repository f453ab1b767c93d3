package io.dropclass.data.cityscapes;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.validation.DatasetSource;
import io.dropclass.data.validation.InvalidDatasetException;
import io.dropclass.data.validation.LayoutFiles;
import io.dropclass.data.validation.Problem;
import io.dropclass.data.validation.ProblemKind;
import io.dropclass.data.validation.SamplePair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a Cityscapes split as shipped: {@code ROOT/leftImg8bit/<split>/<city>/*_leftImg8bit.png}
 * with {@code ROOT/gtFine/<split>/<city>/*_gtFine_labelTrainIds.png} when present (preferred), else
 * {@code *_gtFine_labelIds.png}. A split that ends in {@code .lst} names an official list file
 * (relative to ROOT or absolute) whose lines are {@code leftImg8bit/... gtFine/..._labelIds.png}
 * (tab or spaces); a line with only an image derives its mask's name.
 */
public final class CityscapesLayout {

    /** The dataset name, also the fingerprint's prefix. */
    public static final String NAME = "cityscapes";

    private static final String IMAGE_SUFFIX = "_leftImg8bit.png";
    private static final String ROOT_FIX =
            "point --root at the folder that holds leftImg8bit/ and gtFine/";

    private CityscapesLayout() {}

    /**
     * Lists a split.
     *
     * @param root the folder that holds leftImg8bit/ and gtFine/
     * @param split train, val, test, or a {@code .lst} list file
     * @return the pairs, the Cityscapes catalog and the mask decoder
     * @throws IOException if a required folder or the list is missing or unreadable
     */
    public static DatasetSource list(Path root, String split) throws IOException {
        ClassCatalog catalog = ClassCatalog.cityscapes();
        List<SamplePair> pairs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (split.endsWith(".lst")) {
            fromList(root, root.resolve(split), pairs, problems);
        } else {
            fromFolders(root, split, pairs, problems);
        }
        return new DatasetSource(
                NAME, split, root, catalog, new CityscapesMasks(catalog), pairs, problems);
    }

    private static void fromFolders(
            Path root, String split, List<SamplePair> pairs, List<Problem> problems)
            throws IOException {
        Path images = root.resolve("leftImg8bit").resolve(split);
        Path masks = root.resolve("gtFine").resolve(split);
        LayoutFiles.requireDirectory(images, NAME, root, ROOT_FIX);
        LayoutFiles.requireDirectory(masks, NAME, root, ROOT_FIX + " (gtFine_trainvaltest.zip)");
        for (Path city : LayoutFiles.directories(images)) {
            Path maskCity = masks.resolve(city.getFileName().toString());
            for (Path image :
                    LayoutFiles.files(
                            city, f -> f.getFileName().toString().endsWith(IMAGE_SUFFIX))) {
                String base = image.getFileName().toString();
                base = base.substring(0, base.length() - IMAGE_SUFFIX.length());
                Path labelIds = maskCity.resolve(base + CityscapesMasks.LABEL_IDS_SUFFIX);
                add(image, labelIds, pairs, problems);
            }
        }
    }

    private static void fromList(
            Path root, Path list, List<SamplePair> pairs, List<Problem> problems)
            throws IOException {
        if (!Files.isRegularFile(list)) {
            throw new InvalidDatasetException(
                    NAME
                            + " root "
                            + root
                            + ": no list file "
                            + list
                            + "; give --split as train/val/test or the path of an existing .lst"
                            + " file");
        }
        for (String line : LayoutFiles.listLines(list)) {
            String[] parts = line.split("\\s+");
            Path image = LayoutFiles.resolve(root, parts[0]);
            Path labelIds =
                    parts.length > 1 ? LayoutFiles.resolve(root, parts[1]) : maskOf(root, parts[0]);
            add(image, labelIds, pairs, problems);
        }
    }

    /** The labelIds mask of an image named in a list: leftImg8bit/S/C/X_leftImg8bit.png. */
    private static Path maskOf(Path root, String image) {
        String rel = image.replace('\\', '/').replaceFirst("^/*leftImg8bit/", "gtFine/");
        if (rel.endsWith(IMAGE_SUFFIX)) {
            rel =
                    rel.substring(0, rel.length() - IMAGE_SUFFIX.length())
                            + CityscapesMasks.LABEL_IDS_SUFFIX;
        }
        return LayoutFiles.resolve(root, rel);
    }

    /** Adds a pair, preferring the train-id mask next to the label-id mask. */
    private static void add(
            Path image, Path labelIds, List<SamplePair> pairs, List<Problem> problems) {
        String name = labelIds.getFileName().toString();
        Path trainIds =
                name.endsWith(CityscapesMasks.LABEL_IDS_SUFFIX)
                        ? labelIds.resolveSibling(
                                name.replace(
                                        CityscapesMasks.LABEL_IDS_SUFFIX,
                                        CityscapesMasks.TRAIN_IDS_SUFFIX))
                        : labelIds;
        Path mask = Files.isRegularFile(trainIds) ? trainIds : labelIds;
        if (!Files.isRegularFile(mask)) {
            problems.add(
                    new Problem(
                            ProblemKind.MISSING_PAIR, image, "no mask " + labelIds.getFileName()));
        } else {
            pairs.add(new SamplePair(image, mask));
        }
    }
}
