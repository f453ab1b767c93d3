package io.dropclass.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.nn.TensorFormat;
import io.dropclass.results.IterationRecord;

import java.io.IOException;
import java.util.List;
import java.util.Map;
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
 * <p>Each step is a {@link TrainingStep}. A NaN or infinite loss term either stops the run ({@link TrainingDivergedException}, naming
 * the iteration and the term) or, with {@link NonFinitePolicy#skip}, skips the step: no backward,
 * no update (gradients stay zero, momentum untouched), and the BatchNorm running statistics that
 * the forward already changed are put back; after {@code maxSkipped} skipped steps the next one
 * stops the run.
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
     * @param checkpointInterval also checkpoint every this many steps (0: at validations only)
     * @param nonFinite what a NaN or infinite loss does
     */
    public record Schedule(
            int iterations,
            int validationInterval,
            int logInterval,
            PolyLearningRate learningRate,
            int checkpointInterval,
            NonFinitePolicy nonFinite) {

        /**
         * A schedule that checkpoints at validations only and stops at a non-finite loss.
         *
         * @param iterations N, total optimizer steps
         * @param validationInterval validate every this many steps
         * @param logInterval log every this many steps
         * @param learningRate the per-step learning rate
         */
        public Schedule(int iterations, int validationInterval, int logInterval,
                PolyLearningRate learningRate) {
            this(iterations, validationInterval, logInterval, learningRate, 0,
                    NonFinitePolicy.STOP);
        }
    }

    /**
     * What a NaN or infinite loss does.
     *
     * @param skip true to skip the step, false to stop the run
     * @param maxSkipped with skip: how many skipped steps a run tolerates before it stops
     */
    public record NonFinitePolicy(boolean skip, int maxSkipped) {

        /** Stop at the first non-finite loss. */
        public static final NonFinitePolicy STOP = new NonFinitePolicy(false, 0);

        /**
         * Skip up to {@code maxSkipped} steps.
         *
         * @param maxSkipped the budget of skipped steps
         * @return the policy
         */
        public static NonFinitePolicy skip(int maxSkipped) {
            return new NonFinitePolicy(true, maxSkipped);
        }
    }

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
        this(objective, sgd, schedule, validator, listener, List.of());
    }

    /**
     * Creates the loop with the arrays a skipped step puts back.
     *
     * @param objective forward and loss
     * @param sgd the optimizer of the network's trainable parameters
     * @param schedule iterations, intervals, learning rate, non-finite policy
     * @param validator evaluates the network
     * @param listener receives steps, validations and checkpoints
     * @param runningStatistics the network's BatchNorm running statistics (not trained, changed by
     *     a training forward), restored when a step is skipped
     */
    public SegmentationTrainer(
            TrainingObjective objective,
            Sgd sgd,
            Schedule schedule,
            Validator validator,
            TrainingListener listener,
            List<NDArray> runningStatistics) {
        this(new TrainingStep(objective, sgd, schedule.nonFinite(), runningStatistics,
                TensorFormat.FLOAT32), schedule, validator, listener);
    }

    /**
     * Creates the loop around a step built elsewhere (the experiment's training setup, which the
     * benchmark and the reference check build the same way).
     *
     * @param step one optimizer step (objective, SGD, non-finite policy, tensor format)
     * @param schedule iterations, intervals, learning rate
     * @param validator evaluates the network
     * @param listener receives steps, validations and checkpoints
     */
    public SegmentationTrainer(TrainingStep step, Schedule schedule, Validator validator,
            TrainingListener listener) {
        this.step = Objects.requireNonNull(step, "step");
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
            double lr = schedule.learningRate().at(i);
            int epoch = loader.epochOf(i);
            int done = i + 1;
            Map<String, Double> losses =
                    step.run(manager, ps, batch, epoch, lr, skipped, TrainingStep.PhaseClock.NONE);
            if (losses.containsKey(SKIPPED)) {
                skipped++;
                Map.Entry<String, Double> bad = TrainingStep.firstNonFinite(losses);
                listener.onSkipped(done, bad.getKey(), bad.getValue(), skipped);
            }
            windowImages += batch.size();
            boolean logged = done % schedule.logInterval() == 0 || done == schedule.iterations();
            long now = System.nanoTime();
            double speed = windowImages / Math.max(1e-9, (now - windowStart) / 1e9);
            listener.onIteration(new IterationRecord(done, epoch, lr, losses, speed,
                    (now - started) / 1e9), logged);
            if (logged) {
                windowStart = now;
                windowImages = 0;
            }
            boolean validated = false;
            if (done % schedule.validationInterval() == 0 || done == schedule.iterations()) {
                listener.onValidation(done, validator.validate());
                validated = true;
            }
            int every = schedule.checkpointInterval();
            if (validated || (every > 0 && done % every == 0)) {
                listener.onCheckpoint(done, epoch, skipped);
            }
            if (validated) {
                windowStart = System.nanoTime();
                windowImages = 0;
            }
        }
    }

    /** The history entry (value 1) of a skipped step. */
    public static final String SKIPPED = TrainingStep.SKIPPED;
}
