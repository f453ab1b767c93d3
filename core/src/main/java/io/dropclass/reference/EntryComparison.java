package io.dropclass.reference;

import java.util.Objects;

/**
 * One compared entry of a reference case.
 *
 * @param name the entry, e.g. {@code loss}, {@code grad._classifier.weight}
 * @param maxAbsDiff max |actual − expected| over the elements; NaN when not computed or when a
 *     value is NaN
 * @param tolerance the case's tolerance for the entry
 * @param passed whether the entry was produced, fits the expected shape and maxAbsDiff ≤ tolerance
 * @param note why it failed without a difference (e.g. {@code not produced}); empty otherwise
 */
public record EntryComparison(
        String name, double maxAbsDiff, double tolerance, boolean passed, String note) {

    /** Checks the fields. */
    public EntryComparison {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(note, "note");
    }

    /**
     * Compares a difference with a tolerance.
     *
     * @param name the entry
     * @param maxAbsDiff max |actual − expected|
     * @param tolerance the tolerance
     * @return the comparison; passed iff maxAbsDiff ≤ tolerance (NaN fails)
     */
    public static EntryComparison of(String name, double maxAbsDiff, double tolerance) {
        return new EntryComparison(name, maxAbsDiff, tolerance, maxAbsDiff <= tolerance, "");
    }

    /**
     * A failure without a difference.
     *
     * @param name the entry
     * @param tolerance the tolerance
     * @param note why, e.g. {@code not produced}
     * @return the comparison
     */
    public static EntryComparison failure(String name, double tolerance, String note) {
        return new EntryComparison(name, Double.NaN, tolerance, false, note);
    }

    /**
     * How much of the tolerance the difference uses: ≤ 1 passes.
     *
     * @return maxAbsDiff / tolerance (0 for 0/0, infinite for a difference over a zero tolerance,
     *     NaN when there is no difference)
     */
    public double ratio() {
        if (Double.isNaN(maxAbsDiff)) {
            return Double.NaN;
        }
        if (tolerance == 0) {
            return maxAbsDiff == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return maxAbsDiff / tolerance;
    }
}
