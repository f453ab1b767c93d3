package io.dropclass.benchmark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dropclass.nn.FlopCounter;
import io.dropclass.training.TrainingBatch;
import io.dropclass.training.TrainingObjective;
import java.util.Arrays;

/**
 * Counts the multiply-accumulates of a training objective's forward and loss ({@link FlopCounter})
 * on one image, outside any gradient collector. The forward runs in training mode, so it updates
 * BatchNorm running statistics: count on a network that is being benchmarked, not one that matters.
 */
public final class ForwardFlops {

    private ForwardFlops() {}

    /**
     * Counts one image's forward.
     *
     * @param manager parent of the temporary arrays (closed before returning)
     * @param objective the objective whose forward is counted
     * @param batch a batch whose first image is used
     * @param epoch the epoch passed to the objective
     * @return the counter holding the MACs of one image, by kind
     */
    public static FlopCounter perImage(
            NDManager manager, TrainingObjective objective, TrainingBatch batch, int epoch) {
        TrainingBatch one = first(batch);
        FlopCounter counter = new FlopCounter();
        try (NDManager scope = manager.newSubManager();
                FlopCounter.Session on = counter.start()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray images = scope.create(one.images(),
                    new Shape(1, 3, one.height(), one.width())); // (1, 3, H, W)
            objective.loss(ps, images, one, epoch);
        }
        return counter;
    }

    /** The batch of the first image alone. */
    static TrainingBatch first(TrainingBatch batch) {
        int plane = 3 * batch.height() * batch.width();
        return new TrainingBatch(batch.iteration(), Arrays.copyOf(batch.images(), plane),
                new byte[][] {batch.labels()[0]}, batch.height(), batch.width());
    }
}
