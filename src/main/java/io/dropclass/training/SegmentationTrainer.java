package io.dropclass.training;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.results.IterationRecord;
import java.io.IOException;
import java.util.Map;

/**
 * The training loop: per step a batch from the loader, then a {@link TrainingStep}: the
 * objective's forward and loss inside a gradient collector, backward, the SGD update with the poly
 * learning rate; validation every {@code validationInterval} steps and after the last.
 *
 * <pre>
 *   for i in [start, N):
 *     batch  = loader.next()                       (prepared in background threads)
 *     terms  = objective.loss(ps, images, batch)   (training-mode forward)
 *     backward(terms.total); sgd.step(poly(i))
 *     listener.onIteration(...)
 *     every validationInterval and at N: listener.onValidation(validator.validate())
 * </pre>
 */
public final class SegmentationTrainer {

    /** Runs a validation of the current network. */
    @FunctionalInterface
    public interface Validator {
        /**
         * Evaluates the network in inference mode.
         *
         * @return the evaluation
         */
        SegmentationEvaluation validate();
    }

    /**
     * The schedule of the loop.
     *
     * @param iterations N, total optimizer steps
     * @param validationInterval validate every this many steps
     * @param logInterval log every this many steps
     * @param learningRate the per-step learning rate
     */
    public record Schedule(
            int iterations, int validationInterval, int logInterval, PolyLearningRate learningRate) {}

    private final TrainingStep step;
    private final Schedule schedule;
    private final Validator validator;
    private final TrainingListener listener;

    /**
     * Creates the loop.
     *
     * @param objective forward and loss
     * @param sgd the optimizer of the network's trainable parameters
     * @param schedule iterations, intervals, learning rate
     * @param validator evaluates the network
     * @param listener receives steps and validations
     */
    public SegmentationTrainer(
            TrainingObjective objective,
            Sgd sgd,
            Schedule schedule,
            Validator validator,
            TrainingListener listener) {
        this.step = new TrainingStep(objective, sgd);
        this.schedule = schedule;
        this.validator = validator;
        this.listener = listener;
    }

    /**
     * Trains from a given step to the end of the schedule.
     *
     * @param manager parent of each step's temporary manager
     * @param loader batches, positioned at {@code start}
     * @param start the first step (0 for a new run)
     * @throws IOException if a listener cannot write its files
     * @throws TrainingDivergedException if a loss term becomes NaN or infinite
     */
    public void fit(NDManager manager, BatchLoader loader, int start) throws IOException {
        ParameterStore ps = new ParameterStore(manager, false);
        long started = System.nanoTime();
        long windowStart = started;
        int windowImages = 0;
        for (int i = start; i < schedule.iterations(); i++) {
            TrainingBatch batch = loader.next();
            double lr = schedule.learningRate().at(i);
            int epoch = loader.epochOf(i);
            Map<String, Double> losses =
                    step.run(manager, ps, batch, epoch, lr, TrainingStep.PhaseClock.NONE);
            windowImages += batch.size();
            int done = i + 1;
            boolean logged = done % schedule.logInterval() == 0 || done == schedule.iterations();
            long now = System.nanoTime();
            double speed = windowImages / Math.max(1e-9, (now - windowStart) / 1e9);
            listener.onIteration(new IterationRecord(done, epoch, lr, losses, speed,
                    (now - started) / 1e9), logged);
            if (logged) {
                windowStart = now;
                windowImages = 0;
            }
            if (done % schedule.validationInterval() == 0 || done == schedule.iterations()) {
                listener.onValidation(done, validator.validate());
                windowStart = System.nanoTime();
                windowImages = 0;
            }
        }
    }
}
