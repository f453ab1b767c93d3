package io.dropclass.data.synthetic;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.data.SegmentationSample;

/**
 * A fixed-size split of the synthetic street-scene benchmark, generated on the fly: nothing is
 * stored, and {@code get(i)} returns the same sample every time, from any thread.
 */
public final class StreetSceneDataset implements SegmentationDataset {

    /** Names the generator's version in fingerprints; bump it when generated content changes. */
    public static final String VERSION = "synthetic-streets-v1";

    private static final ClassCatalog CLASSES = ClassCatalog.cityscapes();

    private final long seed;
    private final SyntheticSplit split;
    private final int size;
    private final StreetSceneGenerator generator;

    private StreetSceneDataset(
            long seed, SyntheticSplit split, int size, StreetSceneGenerator generator) {
        this.seed = seed;
        this.split = split;
        this.size = size;
        this.generator = generator;
    }

    /**
     * A split of {@code size} samples.
     *
     * @param seed the training seed; the fixed splits (VAL, SHIFT) ignore it
     * @param split the split
     * @param size the number of samples, at least 1
     * @param height image rows, at least {@value StreetSceneGenerator#MIN_HEIGHT}
     * @param width image columns, at least {@value StreetSceneGenerator#MIN_WIDTH}
     * @return the dataset
     * @throws IllegalArgumentException when the size or the image size is invalid
     */
    public static StreetSceneDataset of(
            long seed, SyntheticSplit split, int size, int height, int width) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        return new StreetSceneDataset(seed, split, size, new StreetSceneGenerator(height, width));
    }

    @Override
    public ClassCatalog classes() {
        return CLASSES;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public SegmentationSample get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index must be in [0, " + size + "), got " + index);
        }
        return generator.generate(seed, split, index);
    }

    /**
     * For example {@code synthetic-streets-v1:train:seed=42:n=500:128x256}; the fixed splits omit
     * the seed, since their content does not depend on it.
     */
    @Override
    public String fingerprint() {
        String seedPart = split.isFixed() ? "" : "seed=" + seed + ":";
        return VERSION
                + ":"
                + split.id()
                + ":"
                + seedPart
                + "n="
                + size
                + ":"
                + generator.height()
                + "x"
                + generator.width();
    }

    /** The split. */
    public SyntheticSplit split() {
        return split;
    }
}
