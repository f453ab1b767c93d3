package io.dropclass.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.nn.ParameterValues;
import io.dropclass.nn.TensorFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Precise BatchNorm (docs/method.md §13; Wu and Johnson, "Rethinking 'Batch' in BatchNorm", 2021;
 * Detectron2's and pycls's PreciseBN): after the last step, every BatchNorm layer's running mean
 * and variance become the plain average of its batch statistics over {@code batches} training
 * batches, taken by forward passes of the prediction path (features, then classifier) in training
 * mode, without gradients. Nothing else changes.
 *
 * <p>Why: the running statistics are an exponential average with momentum 0.01 (HRNet's and
 * DropClass's), which keeps 0.99^n of its initial variance of 1 after n steps, 0.66 % after 500.
 * A layer whose real batch variance is far smaller, as the DropClass head's new 1×1 convolution's
 * (initialised with N(0, 0.001²) weights) is in a short fine-tune, is then normalised at inference
 * by a variance tens to hundreds of times too large; a long official schedule forgets the initial
 * value.
 *
 * <p>Each layer's momentum m is measured, not assumed: with the buffers at 0 a training forward
 * leaves m·s in them, with the buffers at 1 it leaves (1 − m) + m·s.
 */
public final class PreciseBatchNorm implements SegmentationTrainer.Recalibration {

    private static final String MEAN = ".running_mean";
    private static final String VAR = ".running_var";

    private final SegmentationNetwork network;
    private final TensorFormat format;
    private final BatchLoader loader;
    private final int firstIteration;
    private final int batches;

    /**
     * Creates the recalibration.
     *
     * @param network the trained network
     * @param format the element type and layout of the image batches
     * @param loader training batches; {@link BatchLoader#build} is called for {@code
     *     firstIteration} and after, so the batches are the ones those steps would have drawn
     * @param firstIteration the iteration of the first batch (the run's step count: batches
     *     beyond the ones it trained on)
     * @param batches how many batches, at least 1
     */
    public PreciseBatchNorm(SegmentationNetwork network, TensorFormat format, BatchLoader loader,
            int firstIteration, int batches) {
        if (batches < 1) {
            throw new IllegalArgumentException("batches must be at least 1, got " + batches);
        }
        this.network = network;
        this.format = format;
        this.loader = loader;
        this.firstIteration = firstIteration;
        this.batches = batches;
    }

    @Override
    public void recalibrate(NDManager manager, ParameterStore ps) {
        List<Parameter> buffers = buffers(network.namedParameters());
        double[][] sums = new double[buffers.size()][];
        float[] momentum = null;
        for (int b = 0; b < batches; b++) {
            TrainingBatch batch = loader.build(firstIteration + b);
            try (NDManager scope = manager.newSubManager()) {
                NDArray images = format.images(batch.images(),
                        new Shape(batch.size(), 3, batch.height(), batch.width()), scope);
                float[][] zero = forwardFrom(0f, buffers, images, ps, scope); // m·s
                if (momentum == null) {
                    float[][] one = forwardFrom(1f, buffers, images, ps, scope); // (1−m) + m·s
                    momentum = momenta(zero, one);
                }
                for (int k = 0; k < buffers.size(); k++) {
                    sums[k] = add(sums[k], zero[k]);
                }
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            for (int k = 0; k < buffers.size(); k++) {
                float[] average = new float[sums[k].length];
                for (int c = 0; c < average.length; c++) {
                    average[c] = (float) (sums[k][c] / ((double) batches * momentum[k]));
                }
                ParameterValues.assign(buffers.get(k), scope.create(average), scope);
            }
        }
    }

    /** Every running-mean and running-variance buffer, in the network's order. */
    static List<Parameter> buffers(Map<String, Parameter> parameters) {
        List<Parameter> out = new ArrayList<>();
        parameters.forEach((name, p) -> {
            if (name.endsWith(MEAN) || name.endsWith(VAR)) {
                out.add(p);
            }
        });
        return out;
    }

    /** Sets every buffer to {@code value}, runs a training forward, returns the buffers. */
    private float[][] forwardFrom(float value, List<Parameter> buffers, NDArray images,
            ParameterStore ps, NDManager scope) {
        for (Parameter p : buffers) {
            try (NDArray fill = scope.full(p.getArray().getShape(), value)) {
                ParameterValues.assign(p, fill, scope);
            }
        }
        try (NDArray features = network.features(ps, images, true); // (B, C, h, w)
                NDArray logits = network.classify(ps, features, true)) { // (B, K, h, w)
            float[][] out = new float[buffers.size()][];
            for (int k = 0; k < out.length; k++) {
                out[k] = buffers.get(k).getArray().toFloatArray();
            }
            return out;
        }
    }

    /** Each buffer's momentum m from its values after forwards from 0 and from 1. */
    private static float[] momenta(float[][] fromZero, float[][] fromOne) {
        float[] m = new float[fromZero.length];
        for (int k = 0; k < m.length; k++) {
            double sum = 0;
            for (int c = 0; c < fromZero[k].length; c++) {
                sum += 1.0 - ((double) fromOne[k][c] - fromZero[k][c]);
            }
            m[k] = (float) (sum / fromZero[k].length);
            if (!(m[k] > 0)) {
                throw new IllegalStateException("BatchNorm buffer " + k + " did not change in a"
                        + " training forward (momentum " + m[k] + "): it cannot be recalibrated");
            }
        }
        return m;
    }

    private static double[] add(double[] sum, float[] values) {
        double[] out = sum != null ? sum : new double[values.length];
        for (int c = 0; c < values.length; c++) {
            out[c] += values[c];
        }
        return out;
    }
}
