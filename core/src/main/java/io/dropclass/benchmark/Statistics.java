package io.dropclass.benchmark;

import java.util.Arrays;

/** Medians and means of measured times. */
final class Statistics {

    private Statistics() {}

    /** The median (mean of the two middle values for an even count); NaN when empty. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The arithmetic mean; NaN when empty. */
    static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
    }
}
