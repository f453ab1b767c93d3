package io.dropclass.data;

import io.dropclass.data.camvid.CamVidLayout;
import io.dropclass.data.cityscapes.CityscapesLayout;
import io.dropclass.data.folder.FolderLayout;
import io.dropclass.data.validation.DatasetSource;
import io.dropclass.data.validation.LoadedDataset;
import io.dropclass.data.validation.SplitLoading;
import io.dropclass.data.voc.VocLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * Opens a dataset from the layout its owners ship: lists the split, validates it (see {@code
 * io.dropclass.data.validation}) and returns a dataset of full-resolution samples with the load's
 * warnings. Nothing is downloaded.
 */
public final class DatasetLoader {

    /** The dataset names {@link #open} knows. */
    public static final List<String> NAMES =
            List.of("cityscapes", "voc", "voc_aug", "camvid", "folder");

    private DatasetLoader() {}

    /**
     * Opens a dataset.
     *
     * @param spec which dataset, where, which split, how strict
     * @return the dataset and the warnings about skipped samples
     * @throws IOException if the root or split is missing, a list cannot be read, or (strict)
     *     validation found a problem; the message is one line naming the file and the fix
     * @throws IllegalArgumentException if the dataset name is unknown
     */
    public static LoadedDataset open(DatasetSpec spec) throws IOException {
        if (!Files.isDirectory(spec.root())) {
            throw new IOException(
                    spec.name()
                            + " root "
                            + spec.root()
                            + ": no such folder; point --root at the dataset's folder");
        }
        return SplitLoading.open(list(spec), spec.strict());
    }

    private static DatasetSource list(DatasetSpec spec) throws IOException {
        return switch (spec.name().toLowerCase(Locale.ROOT)) {
            case "cityscapes" -> CityscapesLayout.list(spec.root(), spec.split());
            case "voc" -> VocLayout.list(spec.root(), spec.split(), false);
            case "voc_aug" -> VocLayout.list(spec.root(), spec.split(), true);
            case "camvid" -> CamVidLayout.list(spec.root(), spec.split());
            case "folder" -> FolderLayout.list(spec.root(), spec.split());
            default ->
                    throw new IllegalArgumentException(
                            "unknown dataset "
                                    + spec.name()
                                    + "; use one of "
                                    + String.join(", ", NAMES));
        };
    }
}
