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
        this(iteration, term, value, null);
    }

    /**
     * Creates the exception with a reason for stopping.
     *
     * @param iteration the step whose loss was not finite (1-based)
     * @param term the loss term that was not finite
     * @param value its value
     * @param reason why the step was not skipped, or null
     */
    public TrainingDivergedException(int iteration, String term, double value, String reason) {
        this(iteration, term, value, reason, null);
    }

    private TrainingDivergedException(
            int iteration, String term, double value, String reason, String advice) {
        super("iteration " + iteration + ": loss term '" + term + "' is " + value
                + (reason == null ? "" : " (" + reason + ")") + " \u2014 training stopped; "
                + (advice == null ? "lower optimizer.lr or check the data" : advice));
        this.iteration = iteration;
        this.term = term;
        this.value = value;
        this.reason = reason;
    }

    private final int iteration;
    private final String term;
    private final double value;
    private final String reason;

    /**
     * The same divergence with other advice (e.g. naming the last good checkpoint).
     *
     * @param advice what the user can do
     * @return the new exception, with this one as its cause
     */
    public TrainingDivergedException withAdvice(String advice) {
        TrainingDivergedException e =
                new TrainingDivergedException(iteration, term, value, reason, advice);
        e.initCause(this);
        return e;
    }

    /**
     * The step whose loss was not finite.
     *
     * @return the 1-based iteration
     */
    public int iteration() {
        return iteration;
    }

    /**
     * The loss term that was not finite.
     *
     * @return its name
     */
    public String term() {
        return term;
    }
}
