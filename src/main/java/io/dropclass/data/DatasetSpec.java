package io.dropclass.data;

import java.nio.file.Path;

/**
 * Which dataset to open from disk.
 *
 * @param name the layout: {@code cityscapes}, {@code voc}, {@code voc_aug}, {@code camvid} or
 *     {@code folder}
 * @param root the dataset's root folder, as its owners ship it
 * @param split the split: a folder or list name (train, val, ...); Cityscapes also takes a {@code
 *     .lst} file, the folder layout {@code all} for a folder without split sub-folders
 * @param strict whether any problem found by validation stops the load (otherwise offending samples
 *     are skipped with warnings)
 */
public record DatasetSpec(String name, Path root, String split, boolean strict) {

    /** Validates the fields. */
    public DatasetSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset name must not be blank");
        }
        if (root == null) {
            throw new IllegalArgumentException("dataset " + name + ": no root folder given");
        }
        if (split == null || split.isBlank()) {
            throw new IllegalArgumentException("dataset " + name + ": no split given");
        }
    }
}
