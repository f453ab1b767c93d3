package io.dropclass.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.results.IterationRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * <p>A NaN or infinite loss term either stops the run ({@link TrainingDivergedException}, naming
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

    private final TrainingObjective objective;
    private final Sgd sgd;
    private final Schedule schedule;
    private final Validator validator;
    private final TrainingListener listener;
    private final List<NDArray> runningStatistics;

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
        this.runningStatistics = List.copyOf(runningStatistics);
        this.objective = objective;
        this.sgd = sgd;
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
            Map<String, Double> losses = step(manager, ps, batch, epoch, lr, skipped);
            if (losses.containsKey(SKIPPED)) {
                skipped++;
                Map.Entry<String, Double> bad = firstNonFinite(losses);
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
    public static final String SKIPPED = "skipped";

    private Map<String, Double> step(NDManager manager, ParameterStore ps, TrainingBatch batch,
            int epoch, double lr, int skippedSoFar) {
        Map<String, Double> losses = new LinkedHashMap<>();
        NonFinitePolicy policy = schedule.nonFinite();
        try (NDManager scope = manager.newSubManager()) {
            // a skipped step puts back the running statistics its forward changed: (C) copies
            List<NDArray> saved = new ArrayList<>();
            if (policy.skip()) {
                for (NDArray a : runningStatistics) {
                    NDArray copy = a.duplicate();
                    copy.attach(scope);
                    saved.add(copy);
                }
            }
            NDArray images = scope.create(batch.images(),
                    new Shape(batch.size(), 3, batch.height(), batch.width())); // (B, 3, H, W)
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TrainingObjective.Terms terms = objective.loss(ps, images, batch, epoch);
                losses.put("loss", (double) terms.total().getFloat());
                terms.parts().forEach((name, v) -> losses.put(name, (double) v.getFloat()));
                Map.Entry<String, Double> bad = firstNonFinite(losses);
                if (bad != null) {
                    int iteration = batch.iteration() + 1;
                    if (!policy.skip()) {
                        throw new TrainingDivergedException(iteration, bad.getKey(), bad.getValue());
                    }
                    if (skippedSoFar >= policy.maxSkipped()) {
                        throw new TrainingDivergedException(iteration, bad.getKey(), bad.getValue(),
                                "train.max_skipped_steps=" + policy.maxSkipped()
                                        + " skipped steps already");
                    }
                    for (int k = 0; k < saved.size(); k++) {
                        runningStatistics.get(k).set(saved.get(k).toFloatArray());
                    }
                    losses.put(SKIPPED, 1.0);
                    return losses; // no backward, no update: gradients stay zero
                }
                collector.backward(terms.total());
            }
            sgd.step(lr);
        }
        return losses;
    }

    /** The first non-finite term, the parts before the total; null if all are finite. */
    private static Map.Entry<String, Double> firstNonFinite(Map<String, Double> losses) {
        for (Map.Entry<String, Double> e : losses.entrySet()) {
            if (!Double.isFinite(e.getValue()) && !e.getKey().equals("loss")) {
                return e;
            }
        }
        double total = losses.get("loss");
        return Double.isFinite(total) ? null : Map.entry("loss", total);
    }
}
