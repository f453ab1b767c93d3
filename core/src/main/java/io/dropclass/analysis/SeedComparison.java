package io.dropclass.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Compares a method with a baseline over seeds, pairing the runs of equal seed: the mean
 * difference and a percentile bootstrap interval over the seed pairs. An interval that contains
 * 0 means the difference is within seed noise; with few seeds the interval is wide, as it should
 * be.
 */
public final class SeedComparison {

    /** Bootstrap resamples. */
    public static final int RESAMPLES = 10_000;

    /**
     * Mean and spread of one value over seeds.
     *
     * @param mean the mean (NaN if no finite value)
     * @param std the sample standard deviation (0 for one seed)
     * @param n finite values
     */
    public record Summary(double mean, double std, int n) {}

    /**
     * A paired difference (method − baseline).
     *
     * @param mean mean difference over the seed pairs
     * @param low lower end of the 95 % bootstrap interval
     * @param high upper end
     * @param pairs seed pairs with both values finite
     * @param withinNoise whether the interval contains 0 (or there are fewer than 2 pairs)
     */
    public record Difference(double mean, double low, double high, int pairs,
            boolean withinNoise) {}

    private SeedComparison() {}

    /**
     * Mean and sample standard deviation, skipping NaN (an absent class in a run).
     *
     * @param values one value per seed
     * @return the summary
     */
    public static Summary summary(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            return new Summary(Double.NaN, Double.NaN, 0);
        }
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new Summary(mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0, v.length);
    }

    /**
     * The paired difference with a 95 % percentile bootstrap interval.
     *
     * @param method one value per seed
     * @param baseline one value per seed, same seed order
     * @param seed seed of the resampling (the result is reproducible)
     * @return the difference
     */
    public static Difference paired(double[] method, double[] baseline, long seed) {
        if (method.length != baseline.length) {
            throw new IllegalArgumentException("need one value per seed for both, got "
                    + method.length + " and " + baseline.length);
        }
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < method.length; i++) {
            if (Double.isFinite(method[i]) && Double.isFinite(baseline[i])) {
                d.add(method[i] - baseline[i]);
            }
        }
        if (d.isEmpty()) {
            return new Difference(Double.NaN, Double.NaN, Double.NaN, 0, true);
        }
        double mean = d.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        if (d.size() < 2) {
            return new Difference(mean, Double.NaN, Double.NaN, 1, true);
        }
        double[] means = new double[RESAMPLES];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < RESAMPLES; r++) {
            double sum = 0;
            for (int i = 0; i < d.size(); i++) {
                sum += d.get(random.nextInt(d.size()));
            }
            means[r] = sum / d.size();
        }
        Arrays.sort(means);
        double low = means[(int) Math.floor(0.025 * (RESAMPLES - 1))];
        double high = means[(int) Math.ceil(0.975 * (RESAMPLES - 1))];
        return new Difference(mean, low, high, d.size(), low <= 0 && high >= 0);
    }
}
