package io.dropclass.data;

import java.nio.file.Path;

/**
 * Which dataset to open from disk.
 *
 * @param kind the layout
 * @param root the dataset's root folder, as its owners ship it
 * @param split the split: a folder or list name (train, val, ...); Cityscapes also takes a {@code
 *     .lst} file, the folder layout {@code all} for a folder without split sub-folders
 * @param strict whether any problem found by validation stops the load (otherwise offending samples
 *     are skipped with warnings)
 */
public record DatasetSpec(DatasetKind kind, Path root, String split, boolean strict) {

    /** Validates the fields. */
    public DatasetSpec {
        if (kind == null) {
            throw new IllegalArgumentException("no dataset kind given");
        }
        if (root == null) {
            throw new IllegalArgumentException("dataset " + kind.key() + ": no root folder given");
        }
        if (split == null || split.isBlank()) {
            throw new IllegalArgumentException("dataset " + kind.key() + ": no split given");
        }
    }

    /**
     * The dataset's configuration name, for messages.
     *
     * @return e.g. {@code cityscapes}
     */
    public String name() {
        return kind.key();
    }
}
