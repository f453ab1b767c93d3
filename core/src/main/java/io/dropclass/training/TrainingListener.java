package io.dropclass.training;

import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.results.IterationRecord;

/** Receives the events of a training run: steps, skipped steps, validations, checkpoints. */
public interface TrainingListener {

    /**
     * A step was taken.
     *
     * @param record the step's figures
     * @param logged whether this step is a logging step (every log interval, and the last)
     */
    default void onIteration(IterationRecord record, boolean logged) {}

    /**
     * A validation ran.
     *
     * @param iteration steps done
     * @param evaluation the result
     * @throws java.io.IOException if the listener cannot write its files
     */
    default void onValidation(int iteration, SegmentationEvaluation evaluation)
            throws java.io.IOException {}

    /**
     * The state after a step is to be saved (at every validation and every checkpoint interval).
     *
     * @param iteration steps done
     * @param epoch the epoch of the last step
     * @param skippedSteps steps skipped so far (non-finite loss)
     * @throws java.io.IOException if the checkpoint cannot be written
     */
    default void onCheckpoint(int iteration, int epoch, int skippedSteps)
            throws java.io.IOException {}

    /**
     * A step was skipped because a loss term was not finite; its update was not applied.
     *
     * @param iteration the step (1-based)
     * @param term the first non-finite term and its value
     * @param skippedSteps steps skipped so far, this one included
     */
    default void onSkipped(int iteration, StepResult.NonFiniteTerm term, int skippedSteps) {}
}
