package io.dropclass.training;

import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.results.IterationRecord;

/** Receives the events of a training run: logged steps and validations. */
public interface TrainingListener {

    /**
     * A step was taken.
     *
     * @param record the step's figures
     * @param logged whether this step is a logging step (every log interval, and the last)
     */
    void onIteration(IterationRecord record, boolean logged);

    /**
     * A validation ran.
     *
     * @param iteration steps done
     * @param evaluation the result
     * @throws java.io.IOException if the listener cannot write its files
     */
    void onValidation(int iteration, SegmentationEvaluation evaluation) throws java.io.IOException;
}
