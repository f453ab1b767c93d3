package io.dropclass.data;

/**
 * A finite, indexable set of segmentation samples. Implementations are deterministic: {@code
 * get(i)} returns the same sample every time, from any thread.
 */
public interface SegmentationDataset {

    /** The label set of the samples. */
    ClassCatalog classes();

    /** The number of samples. */
    int size();

    /**
     * One sample.
     *
     * @param index 0..size()-1
     * @return the sample (a fresh object the caller may keep)
     */
    SegmentationSample get(int index);

    /**
     * A short string that identifies the exact content of this dataset (its source, split,
     * parameters), recorded in every run's manifest.
     *
     * @return the fingerprint
     */
    String fingerprint();
}
