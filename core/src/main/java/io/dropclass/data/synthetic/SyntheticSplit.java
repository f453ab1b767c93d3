package io.dropclass.data.synthetic;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The splits of the synthetic street-scene benchmark.
 *
 * <p>{@link #TRAIN} follows the training seed. {@link #VAL} and {@link #SHIFT} are fixed sets: they
 * use an internal seed, so runs trained with different seeds are evaluated on the same images.
 * {@link #SHIFT} breaks the usual context (riders without bicycles, signs without poles, cars on
 * the sidewalk, ...), which is where a debiased model should do better.
 */
public enum SyntheticSplit {
    /** Training images, drawn from the run's seed. */
    TRAIN(false, 0L),
    /** Fixed validation images with the usual context. */
    VAL(true, 0x5EEDFA11C0FFEEL),
    /** Fixed validation images in which the usual context is broken. */
    SHIFT(true, 0x5A1F7ED5CE4E5L);

    private final boolean fixed;
    private final long fixedSeed;

    SyntheticSplit(boolean fixed, long fixedSeed) {
        this.fixed = fixed;
        this.fixedSeed = fixedSeed;
    }

    /**
     * Parses a split name, case-insensitively.
     *
     * @param name "train", "val" or "shift"
     * @return the split
     * @throws IllegalArgumentException naming the valid values when the name is unknown
     */
    public static SyntheticSplit parse(String name) {
        for (SyntheticSplit split : values()) {
            if (split.id().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return split;
            }
        }
        String valid =
                Arrays.stream(values()).map(SyntheticSplit::id).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(
                "unknown synthetic split '" + name + "', expected one of: " + valid);
    }

    /** The lower-case name used in configs and fingerprints ("train", "val", "shift"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the split's samples are independent of the training seed. */
    public boolean isFixed() {
        return fixed;
    }

    /** Whether the split breaks the usual context rules. */
    boolean breaksContext() {
        return this == SHIFT;
    }

    /**
     * The seed that actually drives generation: the training seed for {@link #TRAIN}, the split's
     * own constant otherwise.
     */
    long effectiveSeed(long trainingSeed) {
        return fixed ? fixedSeed : trainingSeed;
    }
}
