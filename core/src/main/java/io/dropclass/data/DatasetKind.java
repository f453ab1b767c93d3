package io.dropclass.data;

import io.dropclass.data.camvid.CamVidClasses;
import io.dropclass.data.camvid.CamVidLayout;
import io.dropclass.data.cityscapes.CityscapesLayout;
import io.dropclass.data.folder.FolderLayout;
import io.dropclass.data.validation.DatasetSource;
import io.dropclass.data.voc.VocClasses;
import io.dropclass.data.voc.VocLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The datasets this build reads, by their configuration names ({@code data.dataset}): the one list
 * of them, each with how its split is listed from the layout its owners ship and its fixed label
 * set.
 */
public enum DatasetKind {

    /** The embedded synthetic street scenes, generated in memory (nothing on disk). */
    SYNTHETIC(null, ClassCatalog::cityscapes),
    /** Cityscapes: leftImg8bit/ and gtFine/ (docs/method.md §12.2). */
    CITYSCAPES(CityscapesLayout::list, ClassCatalog::cityscapes),
    /** PASCAL VOC 2012: JPEGImages/, SegmentationClass/, ImageSets/Segmentation/. */
    VOC((root, split) -> VocLayout.list(root, split, false), VocClasses::catalog),
    /** VOC with the SBD augmentation (SegmentationClassAug/). */
    VOC_AUG((root, split) -> VocLayout.list(root, split, true), VocClasses::catalog),
    /** CamVid in SegNet's layout. */
    CAMVID(CamVidLayout::list, CamVidClasses::catalog),
    /** Any images/ + masks/ folder with a classes file (its classes are read from that file). */
    FOLDER(FolderLayout::list, null);

    /** Lists a split of a layout on disk. */
    @FunctionalInterface
    private interface Lister {
        DatasetSource list(Path root, String split) throws IOException;
    }

    private final Lister lister;
    private final Supplier<ClassCatalog> catalog;

    DatasetKind(Lister lister, Supplier<ClassCatalog> catalog) {
        this.lister = lister;
        this.catalog = catalog;
    }

    /**
     * The configuration name.
     *
     * @return e.g. {@code voc_aug}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the dataset is read from a folder on disk.
     *
     * @return false only for the synthetic benchmark
     */
    public boolean onDisk() {
        return lister != null;
    }

    /**
     * The label set that the dataset defines, where it is fixed.
     *
     * @return the catalog, or empty for a folder dataset (its classes file says)
     */
    public Optional<ClassCatalog> fixedCatalog() {
        return catalog == null ? Optional.empty() : Optional.of(catalog.get());
    }

    /**
     * Lists a split from the dataset's layout.
     *
     * @param root the dataset's folder
     * @param split the split's name
     * @return the listed samples
     * @throws IOException if the split cannot be listed (the message names the file or folder)
     * @throws IllegalStateException for the synthetic benchmark, which has no layout
     */
    DatasetSource list(Path root, String split) throws IOException {
        if (lister == null) {
            throw new IllegalStateException(key() + " is generated, not listed from disk");
        }
        return lister.list(root, split);
    }
}
