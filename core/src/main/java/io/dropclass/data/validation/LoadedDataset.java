package io.dropclass.data.validation;

import io.dropclass.data.SegmentationDataset;
import java.util.List;

/**
 * A dataset and the warnings of its load.
 *
 * @param dataset the valid samples
 * @param warnings what was skipped and why, one line per problem kind (empty if nothing)
 */
public record LoadedDataset(SegmentationDataset dataset, List<String> warnings) {

    /** Copies the list. */
    public LoadedDataset {
        warnings = List.copyOf(warnings);
    }
}
