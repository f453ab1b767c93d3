package io.dropclass.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.training.Sgd;
import io.dropclass.training.TrainingBatch;
import io.dropclass.training.TrainingObjective;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Timed training steps for the opt-in benchmarks: random batches, one step, medians. */
public final class TrainingSteps {

    private TrainingSteps() {}

    /**
     * SGD (momentum 0.9, weight decay 5e-4) over a network's trainable parameters, which it moves
     * into its buffer (create parameter stores after it).
     *
     * @param root the network's manager
     * @param network the network
     * @return the optimizer
     */
    public static Sgd sgd(NDManager root, SegmentationNetwork network) {
        return Sgd.over(root, network.trainableParameters(), network.tensorFormat(), 0.9, 5e-4,
                false);
    }

    /**
     * One trainer-like step: forward and loss in a gradient collector, backward, SGD update.
     *
     * @param root parent of the step's manager
     * @param objective forward and loss
     * @param sgd the optimizer
     * @param batch the batch
     * @return the step's wall time in milliseconds
     */
    public static double step(
            NDManager root, TrainingObjective objective, Sgd sgd, TrainingBatch batch) {
        long t0 = System.nanoTime();
        try (NDManager scope = root.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray images = scope.create(batch.images(),
                    new Shape(batch.size(), 3, batch.height(), batch.width())); // (B, 3, H, W)
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TrainingObjective.Terms terms = objective.loss(ps, images, batch, 500);
                terms.total().getFloat();
                collector.backward(terms.total());
            }
            sgd.step(0.004);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * A batch of Gaussian images and uniform labels (one value in K+1 is the ignore label).
     *
     * @param iteration the batch's iteration
     * @param random the source
     * @param b images
     * @param h rows
     * @param w columns
     * @param k classes
     * @return the batch
     */
    public static TrainingBatch randomBatch(
            int iteration, SplittableRandom random, int b, int h, int w, int k) {
        float[] images = new float[b * 3 * h * w];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        byte[][] labels = new byte[b][h * w];
        for (byte[] label : labels) {
            for (int i = 0; i < label.length; i++) {
                int y = random.nextInt(k + 1);
                label[i] = (byte) (y == k ? 255 : y);
            }
        }
        return new TrainingBatch(iteration, images, labels, h, w);
    }

    /**
     * The median (mean of the two middle values for an even count).
     *
     * @param values the values
     * @return the median
     */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
