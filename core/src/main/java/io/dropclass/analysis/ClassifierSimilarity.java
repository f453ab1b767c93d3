package io.dropclass.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Disentanglement of the classifier (docs/method.md §14.2): the cosine similarity cos(W_i, W_j) of
 * the class weight vectors of the 1×1 classifier (K × C, bias excluded), with classes sorted by
 * pixel share, most frequent first (ties by id; the id order when no pixel is labelled).
 *
 * <p>All lists are in that sorted order: {@code cosine.get(a).get(b)} is the similarity of classes
 * {@code order.get(a)} and {@code order.get(b)}. A class whose weight row is all zero has
 * similarity 0 to every class, itself included (the cosine is undefined there). {@code
 * meanToOthers} is the mean of a class's similarities to the K − 1 other classes (signed, not
 * absolute). {@code rareMean} and {@code frequentMean} average {@code meanToOthers} over the rare
 * classes (share below {@code rareShare}, classes without pixels included, as {@link
 * ClassStatistics#rareClasses}) and over the others; {@code null} when the group is empty. The
 * record serialises to JSON with Jackson as it is (no NaN anywhere).
 *
 * @param order train ids, sorted by share, most frequent first
 * @param names class names, in order
 * @param shares pixel shares, in order ({@code null} when no pixel is labelled)
 * @param cosine the K × K similarity matrix, in order, symmetric
 * @param meanToOthers each class's mean similarity to the other classes, in order (0 when K = 1)
 * @param rareShare the share threshold separating rare from frequent classes
 * @param rareClasses the rare train ids, in order
 * @param rareMean mean of {@code meanToOthers} over rare classes, or {@code null}
 * @param frequentMean mean of {@code meanToOthers} over frequent classes, or {@code null}
 */
public record ClassifierSimilarity(
        List<Integer> order,
        List<String> names,
        List<Double> shares,
        List<List<Double>> cosine,
        List<Double> meanToOthers,
        double rareShare,
        List<Integer> rareClasses,
        Double rareMean,
        Double frequentMean) {

    /** Copies the lists. */
    public ClassifierSimilarity {
        order = List.copyOf(order);
        names = List.copyOf(names);
        shares = Collections.unmodifiableList(new ArrayList<>(shares));
        cosine = cosine.stream().map(List::copyOf).toList();
        meanToOthers = List.copyOf(meanToOthers);
        rareClasses = List.copyOf(rareClasses);
    }

    /**
     * The similarity analysis with the default rare threshold {@link ClassStatistics#RARE_SHARE}.
     *
     * @param weights K rows of C floats: the classifier weight (K, C, 1, 1) flattened per class
     * @param stats the class statistics of the training set, K classes
     * @return the analysis
     */
    public static ClassifierSimilarity of(float[][] weights, ClassStatistics stats) {
        return of(weights, stats, ClassStatistics.RARE_SHARE);
    }

    /**
     * The similarity analysis.
     *
     * @param weights K rows of C floats: the classifier weight (K, C, 1, 1) flattened per class
     * @param stats the class statistics of the training set, K classes
     * @param rareShare classes with a share below this are rare
     * @return the analysis
     */
    public static ClassifierSimilarity of(
            float[][] weights, ClassStatistics stats, double rareShare) {
        requireMatching(weights, stats);
        int k = weights.length;
        double[][] cos = cosineMatrix(weights);
        List<ClassCount> sorted = byShare(stats);
        List<Integer> order = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (ClassCount cc : sorted) {
            if (cc.id() >= k) {
                throw new IllegalArgumentException("class id " + cc.id() + " beyond K = " + k);
            }
            order.add(cc.id());
            names.add(cc.name());
            shares.add(Double.isNaN(cc.share()) ? null : cc.share());
        }
        List<List<Double>> matrix = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Integer> rare = new ArrayList<>();
        double rareSum = 0;
        double frequentSum = 0;
        int frequentCount = 0;
        for (int a = 0; a < k; a++) {
            int i = order.get(a);
            List<Double> row = new ArrayList<>(k);
            double sum = 0;
            for (int b = 0; b < k; b++) {
                int j = order.get(b);
                row.add(cos[i][j]);
                if (j != i) {
                    sum += cos[i][j];
                }
            }
            matrix.add(row);
            double mean = k > 1 ? sum / (k - 1) : 0;
            means.add(mean);
            ClassCount cc = sorted.get(a);
            if (Double.isNaN(cc.share()) || cc.share() < rareShare) {
                rare.add(i);
                rareSum += mean;
            } else {
                frequentSum += mean;
                frequentCount++;
            }
        }
        return new ClassifierSimilarity(
                order,
                names,
                shares,
                matrix,
                means,
                rareShare,
                rare,
                rare.isEmpty() ? null : rareSum / rare.size(),
                frequentCount == 0 ? null : frequentSum / frequentCount);
    }

    /** Checks that the weights have K rows of one length, K the statistics' class count. */
    private static void requireMatching(float[][] weights, ClassStatistics stats) {
        int k = weights.length;
        if (k == 0) {
            throw new IllegalArgumentException("weights must have at least one class");
        }
        if (stats.numClasses() != k) {
            throw new IllegalArgumentException(
                    "statistics have " + stats.numClasses() + " classes, weights " + k);
        }
        int c = weights[0].length;
        for (float[] row : weights) {
            if (row.length != c) {
                throw new IllegalArgumentException("weight rows differ in length");
            }
        }
    }

    /** The classes by decreasing share (an unknown share last), ties by id. */
    private static List<ClassCount> byShare(ClassStatistics stats) {
        List<ClassCount> sorted = new ArrayList<>(stats.classes());
        sorted.sort(
                Comparator.comparingDouble(
                                (ClassCount cc) -> Double.isNaN(cc.share()) ? 0 : -cc.share())
                        .thenComparingInt(ClassCount::id));
        return sorted;
    }

    /**
     * Cosine similarities of the rows, in id order; 0 wherever a row is all zero.
     *
     * @param weights K rows of C floats
     * @return a new K × K matrix
     */
    public static double[][] cosineMatrix(float[][] weights) {
        int k = weights.length;
        double[] norms = new double[k];
        for (int i = 0; i < k; i++) {
            norms[i] = Math.sqrt(dot(weights[i], weights[i]));
        }
        double[][] cos = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                double v = norms[i] == 0 || norms[j] == 0
                        ? 0
                        : dot(weights[i], weights[j]) / (norms[i] * norms[j]);
                v = Math.max(-1, Math.min(1, v));
                cos[i][j] = v;
                cos[j][i] = v;
            }
        }
        return cos;
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (double) x[i] * y[i];
        }
        return s;
    }
}
