package io.dropclass.data.camvid;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.validation.DatasetSource;
import io.dropclass.data.validation.IndexedMasks;
import io.dropclass.data.validation.LayoutFiles;
import io.dropclass.data.validation.Problem;
import io.dropclass.data.validation.SamplePair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a CamVid split in the SegNet layout: {@code ROOT/<split>/*.png} with {@code
 * ROOT/<split>annot/*.png} of the same name, or the pairs of {@code ROOT/<split>.txt} when present
 * (SegNet writes absolute paths such as {@code /SegNet/CamVid/train/x.png}: the last two parts are
 * kept, relative to ROOT). Masks hold 0..10; 11 (Unlabelled) and 255 become 255.
 */
public final class CamVidLayout {

    /** The dataset name, also the fingerprint's prefix. */
    public static final String NAME = "camvid";

    private static final String ROOT_FIX =
            "point --root at the CamVid folder that holds train/, trainannot/, val/, ...";

    private CamVidLayout() {}

    /**
     * Lists a split.
     *
     * @param root the CamVid folder
     * @param split train, val or test
     * @return the pairs, the CamVid catalog and the mask decoder
     * @throws IOException if a folder is missing or unreadable
     */
    public static DatasetSource list(Path root, String split) throws IOException {
        Path images = root.resolve(split);
        Path masks = root.resolve(split + "annot");
        LayoutFiles.requireDirectory(images, NAME, root, ROOT_FIX);
        LayoutFiles.requireDirectory(masks, NAME, root, ROOT_FIX);
        List<SamplePair> pairs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Path list = root.resolve(split + ".txt");
        if (Files.isRegularFile(list)) {
            for (String line : LayoutFiles.listLines(list)) {
                String[] parts = line.split("\\s+");
                Path image = lastTwo(root, parts[0]);
                Path mask =
                        parts.length > 1
                                ? lastTwo(root, parts[1])
                                : masks.resolve(image.getFileName().toString());
                pairs.add(new SamplePair(image, mask));
            }
        } else {
            LayoutFiles.pairByKey(
                    images,
                    f -> LayoutFiles.hasExtension(f, "png"),
                    masks,
                    f -> f.getFileName().toString(),
                    pairs,
                    problems);
        }
        ClassCatalog catalog = CamVidClasses.catalog();
        return new DatasetSource(NAME, split, root, catalog, decoder(catalog), pairs, problems);
    }

    /**
     * The CamVid mask decoder: 0..10 kept, 11 and 255 ignored, anything else unknown.
     *
     * @param catalog the CamVid catalog
     * @return the decoder
     */
    public static IndexedMasks decoder(ClassCatalog catalog) {
        int[] table = IndexedMasks.unknownTable();
        for (int i = 0; i < catalog.size(); i++) {
            table[i] = i;
        }
        table[CamVidClasses.UNLABELLED] = ClassCatalog.IGNORE_INDEX;
        table[ClassCatalog.IGNORE_INDEX] = ClassCatalog.IGNORE_INDEX;
        return IndexedMasks.withTable(table);
    }

    private static Path lastTwo(Path root, String entry) {
        Path p = Path.of(entry.replace('\\', '/'));
        int n = p.getNameCount();
        return n >= 2 ? root.resolve(p.subpath(n - 2, n).toString()) : root.resolve(entry);
    }
}
