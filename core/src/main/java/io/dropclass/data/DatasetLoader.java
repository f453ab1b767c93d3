package io.dropclass.data;

import io.dropclass.data.validation.DatasetSource;
import io.dropclass.data.validation.LoadedDataset;
import io.dropclass.data.validation.SplitLoading;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Opens a dataset from the layout its owners ship: lists the split, validates it (see {@code
 * io.dropclass.data.validation}) and returns a dataset of full-resolution samples with the load's
 * warnings. Nothing is downloaded.
 */
public final class DatasetLoader {

    private DatasetLoader() {}

    /**
     * Opens a dataset.
     *
     * @param spec which dataset, where, which split, how strict
     * @return the dataset and the warnings about skipped samples
     * @throws IOException if the root or split is missing, a list cannot be read, or (strict)
     *     validation found a problem; the message is one line naming the file and the fix
     * @throws IllegalArgumentException for the synthetic benchmark, which is not on disk
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
        if (!spec.kind().onDisk()) {
            throw new IllegalArgumentException(spec.name() + " is not a dataset on disk");
        }
        return spec.kind().list(spec.root(), spec.split());
    }
}
