package io.dropclass.training;

/** The loss became NaN or infinite: training stops, keeping the last good checkpoint. */
public final class TrainingDivergedException extends IllegalStateException {

    /**
     * Creates the exception.
     *
     * @param iteration the step whose loss was not finite (1-based)
     * @param term the loss term that was not finite
     * @param value its value
     */
    public TrainingDivergedException(int iteration, String term, double value) {
        super("training diverged at iteration " + iteration + ": loss term '" + term + "' is "
                + value + "; lower optimizer.lr or check the data");
    }
}
