package io.dropclass.data.folder;

import io.dropclass.data.validation.DatasetSource;
import io.dropclass.data.validation.InvalidDatasetException;
import io.dropclass.data.validation.LayoutFiles;
import io.dropclass.data.validation.Problem;
import io.dropclass.data.validation.SamplePair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a folder dataset: {@code ROOT/images/<split>/} and {@code ROOT/masks/<split>/} (or, for
 * split {@code all}, {@code ROOT/images/} and {@code ROOT/masks/}), paired by file stem; images
 * PNG, JPEG or BMP, masks PNG; classes from {@code ROOT/classes.txt} or {@code ROOT/classes.json}
 * (see {@link ClassesFile}).
 */
public final class FolderLayout {

    /** The dataset name, also the fingerprint's prefix. */
    public static final String NAME = "folder";

    /** The split that reads images/ and masks/ themselves. */
    public static final String ALL = "all";

    private FolderLayout() {}

    /**
     * Lists a split.
     *
     * @param root the folder that holds images/, masks/ and the classes file
     * @param split a sub-folder of images/ and masks/, or {@code all}
     * @return the pairs, the classes and the mask decoder
     * @throws IOException if a folder or the classes file is missing or malformed
     */
    public static DatasetSource list(Path root, String split) throws IOException {
        String fix = "point --root at the folder that holds images/, masks/ and classes.txt";
        LayoutFiles.requireDirectory(root.resolve("images"), NAME, root, fix);
        LayoutFiles.requireDirectory(root.resolve("masks"), NAME, root, fix);
        Path images = root.resolve("images");
        Path masks = root.resolve("masks");
        if (!ALL.equals(split)) {
            images = images.resolve(split);
            masks = masks.resolve(split);
            String splitFix =
                    "put each split in images/<split>/ and masks/<split>/,"
                            + " or use --split all for a folder without split sub-folders";
            LayoutFiles.requireDirectory(images, NAME, root, splitFix);
            LayoutFiles.requireDirectory(masks, NAME, root, splitFix);
        }
        ClassesFile classes = ClassesFile.read(classesFile(root));
        List<SamplePair> pairs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        LayoutFiles.pairByKey(
                images,
                f -> LayoutFiles.hasExtension(f, "png", "jpg", "jpeg", "bmp"),
                masks,
                LayoutFiles::stem,
                pairs,
                problems);
        return new DatasetSource(
                NAME, split, root, classes.catalog(), new FolderMasks(classes), pairs, problems);
    }

    private static Path classesFile(Path root) throws InvalidDatasetException {
        for (String name : List.of("classes.txt", "classes.json")) {
            Path file = root.resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new InvalidDatasetException(
                NAME
                        + " root "
                        + root
                        + ": no classes.txt or classes.json; write one class per line, 'name' or"
                        + " 'name R G B', in train-id order");
    }
}
