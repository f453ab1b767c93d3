package io.dropclass.evaluation;

/**
 * Receives each prediction of an evaluation, in sample order, e.g. to count it a second way.
 */
@FunctionalInterface
public interface PredictionListener {

    /** Ignores every prediction. */
    PredictionListener NONE = (index, prediction, height, width) -> { };

    /**
     * One sample's prediction.
     *
     * @param index the sample's index in the dataset
     * @param prediction predicted train ids, {@code height * width} unsigned bytes, row-major
     * @param height rows
     * @param width columns
     */
    void accept(int index, byte[] prediction, int height, int width);
}
