package io.dropclass.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.dropclass.nn.Scalars;
import io.dropclass.nn.TensorFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One optimizer step on a host batch, the code path of {@link SegmentationTrainer} (and of the
 * benchmark, which times its phases through a {@link PhaseClock}):
 *
 * <pre>
 *   DATA       images = tensor(batch.images)                  (B, 3, H, W), host → engine copy in
 *                                                             the network's element type and layout
 *   FORWARD    terms = objective.loss(ps, images, batch)     training-mode forward and loss,
 *              loss values read back and checked finite
 *   BACKWARD   backward(terms.total)                          gradients of every parameter
 *   OPTIMIZER  sgd.step(lr); the step's arrays released       update, zeroed gradients
 * </pre>
 *
 * <p>The PyTorch CPU engine runs every operation eagerly, so the wall time between the marks is the
 * time of the phase.
 *
 * <p>A NaN or infinite loss term stops ({@link TrainingDivergedException}, naming the iteration and
 * the term) or, under {@link NonFinitePolicy#skip}, skips the step: no backward, no update
 * (gradients stay zero, momentum untouched), the BatchNorm running statistics the forward changed
 * put back, and the result names the term.
 */
public final class TrainingStep {

    /** The phases of a step, in their order. */
    public enum Phase {
        /** Host arrays to engine tensors (the loader's wait is measured by the caller). */
        DATA,
        /** Forward and loss. */
        FORWARD,
        /** Back-propagation. */
        BACKWARD,
        /** The SGD update and the release of the step's arrays. */
        OPTIMIZER
    }

    /** Receives the wall time of each phase of a step. */
    @FunctionalInterface
    public interface PhaseClock {

        /** A clock that records nothing (training). */
        PhaseClock NONE = (phase, nanos) -> { };

        /**
         * One phase has ended.
         *
         * @param phase the phase
         * @param nanos its wall time in nanoseconds
         */
        void record(Phase phase, long nanos);
    }

    /**
     * Looks into a step between its phases, without changing it: what {@code check-reference}
     * compares with the official code (outputs, running statistics, gradients) is read here, from
     * the step that training runs.
     */
    public interface Probe {

        /** A probe that reads nothing (training). */
        Probe NONE = new Probe() { };

        /**
         * The forward and the loss are done; the running statistics hold their new values.
         *
         * @param terms the loss terms and the forward's outputs, valid during the call
         */
        default void afterForward(TrainingObjective.Terms terms) { }

        /** Back-propagation is done: every trainable parameter holds its gradient. */
        default void afterBackward() { }
    }

    private static final NDIndex ALL = new NDIndex("...");

    private final TrainingObjective objective;
    private final Sgd sgd;
    private final NonFinitePolicy policy;
    private final List<NDArray> runningStatistics;
    private final TensorFormat format;
    private final Probe probe;

    /**
     * Creates a step that stops at a non-finite loss.
     *
     * @param objective forward and loss
     * @param sgd the optimizer of the network's trainable parameters
     */
    public TrainingStep(TrainingObjective objective, Sgd sgd) {
        this(objective, sgd, NonFinitePolicy.STOP, List.of(), TensorFormat.FLOAT32);
    }

    /**
     * Creates a step with a non-finite policy.
     *
     * @param objective forward and loss
     * @param sgd the optimizer of the network's trainable parameters
     * @param policy stop or skip at a non-finite loss
     * @param runningStatistics the network's BatchNorm running statistics (not trained, changed by
     *     a training forward), put back when a step is skipped; not owned
     * @param format the network's element type and layout, which the image batch takes
     */
    public TrainingStep(TrainingObjective objective, Sgd sgd,
            NonFinitePolicy policy, List<NDArray> runningStatistics,
            TensorFormat format) {
        this(objective, sgd, policy, runningStatistics, format, Probe.NONE);
    }

    private TrainingStep(TrainingObjective objective, Sgd sgd,
            NonFinitePolicy policy, List<NDArray> runningStatistics,
            TensorFormat format, Probe probe) {
        this.objective = Objects.requireNonNull(objective, "objective");
        this.sgd = Objects.requireNonNull(sgd, "sgd");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.runningStatistics = List.copyOf(runningStatistics);
        this.format = Objects.requireNonNull(format, "format");
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /**
     * The same step with a probe that reads it between phases.
     *
     * @param value the probe
     * @return a new step
     */
    public TrainingStep withProbe(Probe value) {
        return new TrainingStep(objective, sgd, policy, runningStatistics, format, value);
    }

    /**
     * Runs one step that stops at a non-finite loss; every array it creates is closed before it
     * returns.
     *
     * @param manager parent of the step's temporary manager
     * @param ps the parameter store of the network
     * @param batch the host batch
     * @param epoch the epoch of the batch (0-based)
     * @param lr the learning rate of this step
     * @param clock receives the phase times
     * @return the loss, its named parts and the objective's diagnostics
     * @throws TrainingDivergedException if a loss term is NaN or infinite
     */
    public StepResult run(
            NDManager manager,
            ParameterStore ps,
            TrainingBatch batch,
            int epoch,
            double lr,
            PhaseClock clock) {
        return run(manager, ps, batch, new Position(epoch, lr, 0), clock);
    }

    /**
     * Where a step stands in its run: what the objective and the optimizer read of the schedule,
     * and what the non-finite budget has used.
     *
     * @param epoch the epoch of the batch (0-based)
     * @param lr the learning rate of this step
     * @param skippedSoFar steps the run has skipped already (checked against the budget)
     */
    public record Position(int epoch, double lr, int skippedSoFar) {}

    /**
     * Runs one step under the step's non-finite policy; every array it creates is closed before it
     * returns.
     *
     * @param manager parent of the step's temporary manager
     * @param ps the parameter store of the network
     * @param batch the host batch
     * @param at the batch's epoch, the learning rate and the steps skipped so far
     * @param clock receives the phase times
     * @return the loss, its named parts and the objective's diagnostics; the non-finite term if
     *     the step was skipped
     * @throws TrainingDivergedException if a loss term is NaN or infinite and the policy (or its
     *     budget) says stop
     */
    public StepResult run(
            NDManager manager, ParameterStore ps, TrainingBatch batch, Position at,
            PhaseClock clock) {
        long t0 = System.nanoTime();
        long updateStart;
        StepResult result;
        try (NDManager scope = manager.newSubManager()) {
            List<NDArray> saved = policy.skip() ? copies(scope) : List.of();
            NDArray images = format.images(batch.images(),
                    new Shape(batch.size(), 3, batch.height(), batch.width()), scope); // (B,3,H,W)
            long t1 = System.nanoTime();
            clock.record(Phase.DATA, t1 - t0);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TrainingObjective.Terms terms = objective.loss(ps, images, batch, at.epoch());
                Map<String, Double> parts = new LinkedHashMap<>();
                terms.parts().forEach((name, v) -> parts.put(name, Scalars.value(v)));
                result = new StepResult(Scalars.value(terms.total()), parts, terms.diagnostics(),
                        Optional.empty());
                Optional<StepResult.NonFiniteTerm> bad = result.firstNonFinite();
                if (bad.isPresent()) {
                    skipOrStop(batch.iteration() + 1, bad.get(), at.skippedSoFar());
                    for (int k = 0; k < saved.size(); k++) {
                        runningStatistics.get(k).set(ALL, saved.get(k)); // in place
                    }
                    // no backward, no update: gradients stay zero
                    return new StepResult(result.loss(), parts, result.diagnostics(), bad);
                }
                probe.afterForward(terms);
                long t2 = System.nanoTime();
                clock.record(Phase.FORWARD, t2 - t1);
                t1 = t2;
                collector.backward(terms.total());
            }
            probe.afterBackward();
            updateStart = System.nanoTime();
            clock.record(Phase.BACKWARD, updateStart - t1);
            sgd.step(at.lr());
        }
        clock.record(Phase.OPTIMIZER, System.nanoTime() - updateStart);
        return result;
    }

    /** Copies of the running statistics, (C) each, attached to the step's scope. */
    private List<NDArray> copies(NDManager scope) {
        List<NDArray> saved = new ArrayList<>(runningStatistics.size());
        for (NDArray a : runningStatistics) {
            NDArray copy = a.duplicate();
            copy.attach(scope);
            saved.add(copy);
        }
        return saved;
    }

    private void skipOrStop(int iteration, StepResult.NonFiniteTerm bad, int skippedSoFar) {
        if (!policy.skip()) {
            throw new TrainingDivergedException(iteration, bad.term(), bad.value());
        }
        if (skippedSoFar >= policy.maxSkipped()) {
            throw new TrainingDivergedException(iteration, bad.term(), bad.value(),
                    "train.max_skipped_steps=" + policy.maxSkipped() + " skipped steps already");
        }
    }
}
