package io.dropclass.training;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.results.IterationRecord;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The training loop: per step a batch from the loader, the objective's forward and loss inside a
 * gradient collector, backward, the SGD update with the poly learning rate; validation every
 * {@code validationInterval} steps and after the last.
 *
 * <pre>
 *   for i in [start, N):
 *     batch  = loader.next()                       (prepared in background threads)
 *     terms  = objective.loss(ps, images, batch)   (training-mode forward)
 *     backward(terms.total); sgd.step(poly(i))
 *     listener.onIteration(...)
 *     every validationInterval and at N: listener.onValidation(validator.validate())
 *     at every validation and every checkpointInterval: listener.onCheckpoint(...)
 * </pre>
 *
 * <p>Each step is a {@link TrainingStep}, which stops at a NaN or infinite loss term or skips the
 * step as its {@link NonFinitePolicy} says; listeners hear of every skipped step.
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

    /** Changes the network once after the last step, before its validation (precise BatchNorm). */
    @FunctionalInterface
    public interface Recalibration {

        /** Nothing. */
        Recalibration NONE = (manager, ps) -> { };

        /**
         * Recalibrates the network.
         *
         * @param manager parent of temporary arrays
         * @param ps the parameter store
         */
        void recalibrate(NDManager manager, ParameterStore ps);
    }

    /**
     * The schedule of the loop.
     *
     * @param iterations N, total optimizer steps
     * @param validationInterval validate every this many steps
     * @param logInterval log every this many steps
     * @param learningRate the per-step learning rate
     * @param checkpointInterval also checkpoint every this many steps (0: at validations only)
     */
    public record Schedule(
            int iterations,
            int validationInterval,
            int logInterval,
            PolyLearningRate learningRate,
            int checkpointInterval) {}

    private final TrainingStep step;
    private final Schedule schedule;
    private final Validator validator;
    private final List<TrainingListener> listeners;
    private final Recalibration recalibration;

    /**
     * Creates the loop around a step built elsewhere (the experiment's training setup, which the
     * benchmark and the reference check build the same way).
     *
     * @param step one optimizer step (objective, SGD, non-finite policy, tensor format)
     * @param schedule iterations, intervals, learning rate
     * @param validator evaluates the network
     * @param listeners receive steps, validations and checkpoints, in this order
     */
    public SegmentationTrainer(TrainingStep step, Schedule schedule, Validator validator,
            List<TrainingListener> listeners) {
        this(step, schedule, validator, listeners, Recalibration.NONE);
    }

    /**
     * Creates the loop with a recalibration after its last step.
     *
     * @param step one optimizer step
     * @param schedule iterations, intervals, learning rate
     * @param validator evaluates the network
     * @param listeners receive steps, validations and checkpoints, in this order
     * @param recalibration runs after the last step, before its validation and checkpoint
     */
    public SegmentationTrainer(TrainingStep step, Schedule schedule, Validator validator,
            List<TrainingListener> listeners, Recalibration recalibration) {
        this.step = Objects.requireNonNull(step, "step");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.listeners = List.copyOf(listeners);
        this.recalibration = Objects.requireNonNull(recalibration, "recalibration");
    }

    /**
     * Trains from a given step to the end of the schedule.
     *
     * @param manager parent of each step's temporary manager
     * @param loader batches, positioned at {@code start}
     * @param start the first step (0 for a new run)
     * @throws IOException if a listener cannot write its files
     * @throws TrainingDivergedException if a loss term becomes NaN or infinite (and is not skipped)
     */
    public void fit(NDManager manager, BatchLoader loader, int start) throws IOException {
        fit(manager, loader, start, 0);
    }

    /**
     * Trains from a given step to the end of the schedule, counting steps already skipped.
     *
     * @param manager parent of each step's temporary manager
     * @param loader batches, positioned at {@code start}
     * @param start the first step (0 for a new run)
     * @param skippedBefore steps skipped before {@code start} (from a checkpoint)
     * @throws IOException if a listener cannot write its files
     * @throws TrainingDivergedException if a loss term becomes NaN or infinite (and is not skipped)
     */
    public void fit(NDManager manager, BatchLoader loader, int start, int skippedBefore)
            throws IOException {
        ParameterStore ps = new ParameterStore(manager, false);
        long started = System.nanoTime();
        long windowStart = started;
        int windowImages = 0;
        int skipped = skippedBefore;
        for (int i = start; i < schedule.iterations(); i++) {
            TrainingBatch batch = loader.next();
            var at = new TrainingStep.Position(loader.epochOf(i), schedule.learningRate().at(i),
                    skipped);
            int done = i + 1;
            StepResult result = step.run(manager, ps, batch, at, TrainingStep.PhaseClock.NONE);
            if (result.skipped().isPresent()) {
                skipped++;
                for (TrainingListener l : listeners) {
                    l.onSkipped(done, result.skipped().get(), skipped);
                }
            }
            windowImages += batch.size();
            boolean logged = done % schedule.logInterval() == 0 || done == schedule.iterations();
            long now = System.nanoTime();
            double speed = windowImages / Math.max(1e-9, (now - windowStart) / 1e9);
            IterationRecord record = new IterationRecord(done, at.epoch(), at.lr(), result.row(),
                    speed, (now - started) / 1e9);
            for (TrainingListener l : listeners) {
                l.onIteration(record, logged);
            }
            if (logged) {
                windowStart = now;
                windowImages = 0;
            }
            boolean validated = done % schedule.validationInterval() == 0
                    || done == schedule.iterations();
            if (done == schedule.iterations()) {
                recalibration.recalibrate(manager, ps);
            }
            if (validated) {
                SegmentationEvaluation evaluation = validator.validate();
                for (TrainingListener l : listeners) {
                    l.onValidation(done, evaluation);
                }
            }
            int every = schedule.checkpointInterval();
            if (validated || (every > 0 && done % every == 0)) {
                for (TrainingListener l : listeners) {
                    l.onCheckpoint(done, at.epoch(), skipped);
                }
            }
            if (validated) {
                windowStart = System.nanoTime();
                windowImages = 0;
            }
        }
    }
}
