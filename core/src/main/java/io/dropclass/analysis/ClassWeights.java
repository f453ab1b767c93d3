package io.dropclass.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Class-weighting schemes for weighted cross-entropy, computed from {@link ClassStatistics}
 * (toolkit-survey.md §5). Notation: K classes, n_c labelled pixels of class c, N = Σ n_c, f_c = n_c
 * / N.
 *
 * <p>Every scheme gives weight 0 to a class without labelled pixels and lists it in {@link
 * ClassWeightVector#unseenClasses()}; with no labelled pixels at all, every weight is 0.
 */
public final class ClassWeights {

    /** ENet's constant k in w_c = 1 / ln(k + f_c) (Paszke et al. 2016). */
    public static final double ENET_K = 1.02;

    /**
     * Default β of the effective-number weighting, applied to image counts ({@link
     * CountUnit#IMAGES}): Cui et al. use β up to 0.9999 for per-image counts, and image counts keep
     * the weighting meaningful where pixel counts (10⁶–10⁹) would need β within 10⁻⁸ of 1.
     */
    public static final double EFFECTIVE_NUMBER_BETA = 0.9999;

    private ClassWeights() {}

    /**
     * Inverse frequency: w_c = N / (K · n_c), so a class at the average frequency 1/K gets 1.
     *
     * @param stats the statistics
     * @return the weights, unbounded (see {@link #inverseFrequency(ClassStatistics, double)})
     */
    public static ClassWeightVector inverseFrequency(ClassStatistics stats) {
        return inverseFrequency(stats, Double.POSITIVE_INFINITY);
    }

    /**
     * Inverse frequency with a cap, since 1 / f_c explodes for tiny classes.
     *
     * @param stats the statistics
     * @param maxWeight weights above it are set to it; {@code Double.POSITIVE_INFINITY} for none
     * @return the weights
     */
    public static ClassWeightVector inverseFrequency(ClassStatistics stats, double maxWeight) {
        if (!(maxWeight > 0)) {
            throw new IllegalArgumentException("maxWeight must be positive, got " + maxWeight);
        }
        long total = stats.labelledPixels();
        int k = stats.numClasses();
        double[] w = new double[k];
        for (ClassCount c : stats.classes()) {
            if (c.pixels() > 0) {
                w[c.id()] = Math.min(maxWeight, (double) total / ((double) k * c.pixels()));
            }
        }
        return vector("inverse", w, stats);
    }

    /**
     * Median-frequency balancing (Eigen and Fergus 2015; SegNet): freq_c = n_c / labelled pixels of
     * the images in which c appears, w_c = median(freq) / freq_c, the median taken over the classes
     * with pixels (the mean of the two middle values for an even count, as numpy's).
     *
     * @param stats the statistics
     * @return the weights
     */
    public static ClassWeightVector medianFrequency(ClassStatistics stats) {
        int k = stats.numClasses();
        double[] freq = new double[k];
        List<Double> seen = new ArrayList<>();
        for (ClassCount c : stats.classes()) {
            if (c.pixels() > 0) {
                freq[c.id()] = (double) c.pixels() / c.pixelsOfImagesWithClass();
                seen.add(freq[c.id()]);
            }
        }
        double[] w = new double[k];
        if (!seen.isEmpty()) {
            double median = median(seen);
            for (ClassCount c : stats.classes()) {
                if (c.pixels() > 0) {
                    w[c.id()] = median / freq[c.id()];
                }
            }
        }
        return vector("median_frequency", w, stats);
    }

    /**
     * ENet log weighting with k = {@value #ENET_K}: w_c = 1 / ln(k + f_c), bounded by about [1.4,
     * 50.5].
     *
     * @param stats the statistics
     * @return the weights
     */
    public static ClassWeightVector enet(ClassStatistics stats) {
        return enet(stats, ENET_K);
    }

    /**
     * ENet log weighting: w_c = 1 / ln(k + f_c).
     *
     * @param stats the statistics
     * @param k the constant, above 1 so that the logarithm stays positive
     * @return the weights
     */
    public static ClassWeightVector enet(ClassStatistics stats, double k) {
        if (!(k > 1) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("k must be finite and above 1, got " + k);
        }
        double[] w = new double[stats.numClasses()];
        for (ClassCount c : stats.classes()) {
            if (c.pixels() > 0) {
                w[c.id()] = 1 / Math.log(k + c.share());
            }
        }
        return vector("enet", w, stats);
    }

    /**
     * Effective-number weighting with the defaults: β = {@value #EFFECTIVE_NUMBER_BETA} on image
     * counts (see {@link #EFFECTIVE_NUMBER_BETA} for why).
     *
     * @param stats the statistics
     * @return the weights
     */
    public static ClassWeightVector effectiveNumber(ClassStatistics stats) {
        return effectiveNumber(stats, EFFECTIVE_NUMBER_BETA, CountUnit.IMAGES);
    }

    /**
     * Class-balanced ("effective number") weighting (Cui et al., CVPR 2019): w_c ∝ (1 − β) / (1 −
     * β^{n_c}), normalised so that Σ w_c = K. β → 0 gives equal weights, β → 1 inverse frequency.
     *
     * @param stats the statistics
     * @param beta β in [0, 1)
     * @param unit whether n_c counts images or pixels
     * @return the weights
     */
    public static ClassWeightVector effectiveNumber(
            ClassStatistics stats, double beta, CountUnit unit) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1), got " + beta);
        }
        int k = stats.numClasses();
        double[] w = new double[k];
        double sum = 0;
        for (ClassCount c : stats.classes()) {
            long n = unit == CountUnit.IMAGES ? c.images() : c.pixels();
            if (n > 0) {
                // 1 - β^n computed as -expm1(n ln β): exact for β near 1, where 1 - β^n cancels.
                double effectiveFraction = beta == 0 ? 1 : -Math.expm1(n * Math.log(beta));
                w[c.id()] = (1 - beta) / effectiveFraction;
                sum += w[c.id()];
            }
        }
        if (sum > 0) {
            for (int c = 0; c < k; c++) {
                w[c] *= k / sum;
            }
        }
        return vector("effective_number", w, stats);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static ClassWeightVector vector(String scheme, double[] w, ClassStatistics stats) {
        List<Double> weights = new ArrayList<>(w.length);
        List<Integer> unseen = new ArrayList<>();
        for (ClassCount c : stats.classes()) {
            weights.add(w[c.id()]);
            if (c.pixels() == 0) {
                unseen.add(c.id());
            }
        }
        return new ClassWeightVector(scheme, weights, unseen);
    }
}
