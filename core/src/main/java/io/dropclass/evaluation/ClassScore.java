package io.dropclass.evaluation;

/**
 * The evaluation of one class.
 *
 * <p>Write it through {@link EvaluationJson}, which writes {@code NaN} as {@code null}; a plain
 * Jackson mapper writes the string {@code "NaN"}.
 *
 * @param id the train id
 * @param name the class name
 * @param iou TP / (TP + FP + FN) in [0, 1]; {@code NaN} when the class is absent from labels and
 *     predictions
 * @param accuracy TP / (TP + FN) in [0, 1]; {@code NaN} when the class has no labelled pixels
 * @param labelledPixels pixels labelled with this class (TP + FN)
 * @param predictedPixels labelled pixels predicted as this class (TP + FP)
 */
public record ClassScore(
        int id,
        String name,
        double iou,
        double accuracy,
        long labelledPixels,
        long predictedPixels) {

    /** Validates the fields. */
    public ClassScore {
        if (id < 0) {
            throw new IllegalArgumentException("id must be non-negative, got " + id);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got '" + name + "'");
        }
        checkFraction("iou", iou);
        checkFraction("accuracy", accuracy);
        if (labelledPixels < 0) {
            throw new IllegalArgumentException(
                    "labelledPixels must be non-negative, got " + labelledPixels);
        }
        if (predictedPixels < 0) {
            throw new IllegalArgumentException(
                    "predictedPixels must be non-negative, got " + predictedPixels);
        }
    }

    /**
     * Whether the class is absent from both labels and predictions, so that its IoU is undefined.
     *
     * @return true when no pixel is labelled or predicted as this class
     */
    public boolean absent() {
        return labelledPixels == 0 && predictedPixels == 0;
    }

    private static void checkFraction(String field, double value) {
        if (!Double.isNaN(value) && (value < 0 || value > 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1] or NaN, got " + value);
        }
    }
}
