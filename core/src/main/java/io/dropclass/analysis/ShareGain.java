package io.dropclass.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One point of the "class share vs IoU gain" figure: a class's pixel share in the training set and
 * its IoU under two methods (A the baseline, B the method compared, e.g. DropClass), gain = B − A.
 * IoUs are fractions or percentages, as given; an IoU that is {@code NaN} (class absent from the
 * evaluation) is {@code null}, and so is the gain then. Serialises to JSON with Jackson as it is.
 *
 * @param id the train id
 * @param name the class name
 * @param share pixel share in [0, 1], or {@code null} when nothing is labelled
 * @param iouA IoU of method A, or {@code null}
 * @param iouB IoU of method B, or {@code null}
 * @param gain {@code iouB − iouA}, or {@code null} when either is
 */
public record ShareGain(int id, String name, Double share, Double iouA, Double iouB, Double gain) {

    /**
     * The figure's points, sorted by share, rarest first (ties by id; classes without a share
     * last).
     *
     * @param stats the training-set statistics, K classes
     * @param iouA per-class IoU of method A, K values in train-id order ({@code NaN} when absent)
     * @param iouB per-class IoU of method B, K values in train-id order ({@code NaN} when absent)
     * @return K points
     */
    public static List<ShareGain> of(ClassStatistics stats, double[] iouA, double[] iouB) {
        int k = stats.numClasses();
        if (iouA.length != k || iouB.length != k) {
            throw new IllegalArgumentException(
                    "need " + k + " IoUs per method, got " + iouA.length + " and " + iouB.length);
        }
        List<ShareGain> rows = new ArrayList<>(k);
        for (ClassCount c : stats.classes()) {
            Double a = orNull(iouA[c.id()]);
            Double b = orNull(iouB[c.id()]);
            rows.add(
                    new ShareGain(
                            c.id(),
                            c.name(),
                            orNull(c.share()),
                            a,
                            b,
                            a == null || b == null ? null : b - a));
        }
        rows.sort(
                Comparator.comparing(
                                ShareGain::share,
                                Comparator.nullsLast(Comparator.<Double>naturalOrder()))
                        .thenComparingInt(ShareGain::id));
        return List.copyOf(rows);
    }

    /**
     * The mean gain over the points with a share in [minShare, maxShare) and a gain.
     *
     * @param rows points from {@link #of}
     * @param minShare inclusive lower bound
     * @param maxShare exclusive upper bound (e.g. {@link ClassStatistics#RARE_SHARE} with 0 for
     *     the rare classes)
     * @return the mean, or {@code null} when no point qualifies
     */
    public static Double meanGain(List<ShareGain> rows, double minShare, double maxShare) {
        double sum = 0;
        int n = 0;
        for (ShareGain r : rows) {
            if (r.share() != null && r.gain() != null && r.share() >= minShare
                    && r.share() < maxShare) {
                sum += r.gain();
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
