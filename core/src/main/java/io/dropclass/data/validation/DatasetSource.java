package io.dropclass.data.validation;

import io.dropclass.data.ClassCatalog;
import java.nio.file.Path;
import java.util.List;

/**
 * What a dataset layout found in a split: the pairs to read, how to read their masks and the
 * problems already seen while listing (missing counterparts, list entries naming missing files).
 *
 * @param name the dataset's name (cityscapes, voc, ...), the fingerprint's prefix
 * @param split the split's name
 * @param root the dataset's root folder; file names in reports and fingerprints are relative to it
 * @param catalog the classes
 * @param decoder reads and maps the masks
 * @param pairs the complete pairs, in a fixed order
 * @param listingProblems problems found while listing
 */
public record DatasetSource(
        String name,
        String split,
        Path root,
        ClassCatalog catalog,
        MaskDecoder decoder,
        List<SamplePair> pairs,
        List<Problem> listingProblems) {

    /** Copies the lists. */
    public DatasetSource {
        pairs = List.copyOf(pairs);
        listingProblems = List.copyOf(listingProblems);
    }

    /**
     * A file's name relative to the root, with forward slashes, for reports and fingerprints.
     *
     * @param file a file, normally under the root
     * @return its relative name, or the file itself if it is elsewhere
     */
    public String relative(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path base = root.toAbsolutePath().normalize();
        Path shown = abs.startsWith(base) ? base.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }
}
