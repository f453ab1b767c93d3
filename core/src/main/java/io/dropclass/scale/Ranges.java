package io.dropclass.scale;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Splitting {@code [0, size)} into contiguous ranges that start at multiples of an alignment. */
public final class Ranges {

    /**
     * One range of items.
     *
     * @param from the first item
     * @param to one past the last
     */
    public record Range(int from, int to) implements Serializable {}

    private Ranges() {}

    /**
     * Splits the items into at most {@code parts} ranges of nearly equal numbers of aligned
     * groups.
     *
     * @param size the number of items
     * @param alignment every range but the first starts at a multiple of this
     * @param parts the most ranges wanted, at least 1
     * @return the ranges in order, none empty (no range for no items)
     */
    public static List<Range> split(int size, int alignment, int parts) {
        if (alignment < 1 || parts < 1 || size < 0) {
            throw new IllegalArgumentException("size " + size + ", alignment " + alignment
                    + ", parts " + parts + ": need size >= 0, alignment >= 1, parts >= 1");
        }
        int groups = (int) ((size + (long) alignment - 1) / alignment);
        int n = Math.min(parts, groups);
        List<Range> ranges = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            int from = (int) Math.min(size, (long) groups * p / n * alignment);
            int to = (int) Math.min(size, (long) groups * (p + 1) / n * alignment);
            ranges.add(new Range(from, to));
        }
        return ranges;
    }
}
