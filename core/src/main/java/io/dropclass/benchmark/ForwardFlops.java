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
 * per image, outside any gradient collector. The count runs on two images and is halved: a
 * training-mode BatchNorm over a single value per channel (DeepLabV3's image pooling on one image)
 * is undefined. The forward runs in training mode, so it updates
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
        TrainingBatch two = firstTwice(batch);
        FlopCounter counter = new FlopCounter();
        try (NDManager scope = manager.newSubManager();
                FlopCounter.Session on = counter.start()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray images = scope.create(two.images(),
                    new Shape(2, 3, two.height(), two.width())); // (2, 3, H, W)
            objective.loss(ps, images, two, epoch);
        }
        return counter.perImage(2);
    }

    /** A batch of the first image, twice. */
    static TrainingBatch firstTwice(TrainingBatch batch) {
        int plane = 3 * batch.height() * batch.width();
        float[] images = Arrays.copyOf(batch.images(), 2 * plane);
        System.arraycopy(batch.images(), 0, images, plane, plane);
        return new TrainingBatch(batch.iteration(), images,
                new byte[][] {batch.labels()[0], batch.labels()[0]}, batch.height(), batch.width());
    }
}
