package io.dropclass.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One optimizer step on a host batch, the code path of {@link SegmentationTrainer} (and of the
 * benchmark, which times its phases through a {@link PhaseClock}):
 *
 * <pre>
 *   DATA       images = tensor(batch.images)                  (B, 3, H, W), host → engine copy
 *   FORWARD    terms = objective.loss(ps, images, batch)     training-mode forward and loss,
 *              loss values read back and checked finite
 *   BACKWARD   backward(terms.total)                          gradients of every parameter
 *   OPTIMIZER  sgd.step(lr); the step's arrays released       update, zeroed gradients
 * </pre>
 *
 * <p>The PyTorch CPU engine runs every operation eagerly, so the wall time between the marks is the
 * time of the phase.
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

    private final TrainingObjective objective;
    private final Sgd sgd;

    /**
     * Creates the step.
     *
     * @param objective forward and loss
     * @param sgd the optimizer of the network's trainable parameters
     */
    public TrainingStep(TrainingObjective objective, Sgd sgd) {
        this.objective = objective;
        this.sgd = sgd;
    }

    /**
     * Runs one step; every array it creates is closed before it returns.
     *
     * @param manager parent of the step's temporary manager
     * @param ps the parameter store of the network
     * @param batch the host batch
     * @param epoch the epoch of the batch (0-based)
     * @param lr the learning rate of this step
     * @param clock receives the phase times
     * @return the loss ({@code loss}) and its named parts, in the objective's order
     * @throws TrainingDivergedException if a loss term is NaN or infinite
     */
    public Map<String, Double> run(
            NDManager manager,
            ParameterStore ps,
            TrainingBatch batch,
            int epoch,
            double lr,
            PhaseClock clock) {
        Map<String, Double> losses = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        long updateStart;
        try (NDManager scope = manager.newSubManager()) {
            NDArray images = scope.create(batch.images(),
                    new Shape(batch.size(), 3, batch.height(), batch.width())); // (B, 3, H, W)
            long t1 = System.nanoTime();
            clock.record(Phase.DATA, t1 - t0);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TrainingObjective.Terms terms = objective.loss(ps, images, batch, epoch);
                losses.put("loss", (double) terms.total().getFloat());
                terms.parts().forEach((name, v) -> losses.put(name, (double) v.getFloat()));
                checkFinite(batch.iteration() + 1, losses);
                long t2 = System.nanoTime();
                clock.record(Phase.FORWARD, t2 - t1);
                t1 = t2;
                collector.backward(terms.total());
            }
            updateStart = System.nanoTime();
            clock.record(Phase.BACKWARD, updateStart - t1);
            sgd.step(lr);
        }
        clock.record(Phase.OPTIMIZER, System.nanoTime() - updateStart);
        return losses;
    }

    private static void checkFinite(int iteration, Map<String, Double> losses) {
        for (Map.Entry<String, Double> e : losses.entrySet()) {
            if (!Double.isFinite(e.getValue()) && !e.getKey().equals("loss")) {
                throw new TrainingDivergedException(iteration, e.getKey(), e.getValue());
            }
        }
        double total = losses.get("loss");
        if (!Double.isFinite(total)) {
            throw new TrainingDivergedException(iteration, "loss", total);
        }
    }
}
