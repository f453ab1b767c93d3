package io.dropclass.analysis;

import java.util.List;

/**
 * Class weights for a weighted cross-entropy, from one weighting scheme.
 *
 * @param scheme the scheme's name, e.g. {@code "inverse"}
 * @param weights one weight per class in train-id order, each finite and at least 0
 * @param unseenClasses train ids of the classes without labelled pixels, whose weight is set to 0
 *     (no pixel of the statistics has that label, so the weight would never apply; 0 makes the gap
 *     visible instead of inventing a value)
 */
public record ClassWeightVector(String scheme, List<Double> weights, List<Integer> unseenClasses) {

    /** Validates and copies the fields. */
    public ClassWeightVector {
        if (scheme == null || scheme.isBlank()) {
            throw new IllegalArgumentException("scheme must not be blank, got '" + scheme + "'");
        }
        weights = List.copyOf(weights);
        unseenClasses = List.copyOf(unseenClasses);
        for (int c = 0; c < weights.size(); c++) {
            double w = weights.get(c);
            if (!Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException(
                        "weights must be finite and non-negative, got " + w + " for class " + c);
            }
        }
        for (int c : unseenClasses) {
            if (c < 0 || c >= weights.size() || weights.get(c) != 0) {
                throw new IllegalArgumentException(
                        "unseenClasses must name classes with weight 0, got " + c);
            }
        }
    }

    /**
     * One class's weight.
     *
     * @param trainId 0..K-1
     * @return its weight
     */
    public double get(int trainId) {
        return weights.get(trainId);
    }

    /**
     * The weights as an array, the form a loss takes (like {@code ClassCatalog.fixedWeights()}).
     *
     * @return one weight per class
     */
    public double[] toArray() {
        double[] values = new double[weights.size()];
        for (int c = 0; c < values.length; c++) {
            values[c] = weights.get(c);
        }
        return values;
    }
}
