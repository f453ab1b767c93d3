package io.dropclass.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import io.dropclass.method.ClassDropSampler;
import io.dropclass.method.DropClassLoss;
import io.dropclass.method.DropClassNetwork;
import io.dropclass.method.DropClassObjective;
import io.dropclass.method.DropSchedule;
import io.dropclass.training.CrossEntropyObjective;
import io.dropclass.training.Sgd;
import io.dropclass.training.TrainingBatch;
import io.dropclass.training.TrainingObjective;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prints ms per training step (forward, loss, backward, SGD) of DeepLabV3-MobileNetV3-Large at
 * batch 8 of 3×128×256, plain cross-entropy and DropClass (a drop forced every step) interleaved,
 * medians after warm-up. Measures, asserts nothing. Run with {@code -Ddropclass.benchmark=true}.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "dropclass.benchmark", matches = "true")
class DeepLabV3BenchmarkTest {

    private static final int WARMUP = 2;
    private static final int STEPS = 5;
    private static final int B = 8;
    private static final int H = 128;
    private static final int W = 256;
    private static final int K = 19;

    @Test
    void printsTrainStepTimes() {
        try (NDManager root = NDManager.newBaseManager(Device.cpu())) {
            DeepLabV3 deepLab = DeepLabV3.mobileNetV3Large(K);
            DropClassNetwork dropClass =
                    DropClassNetwork.builder(deepLab)
                            .optBatchNormEps(DeepLabV3.HEAD_BN_EPS)
                            .build();
            dropClass.initializeParameters(root, 0);
            float[] weights = new float[K];
            Arrays.fill(weights, 1f);
            TrainingObjective baseline = new CrossEntropyObjective(deepLab, weights);
            TrainingObjective method =
                    new DropClassObjective(
                            dropClass,
                            weights,
                            DropSchedule.perEpoch(968),
                            ClassDropSampler.forced(K, 12),
                            DropClassLoss.DEFAULT_ALPHA);
            double[] base = new double[STEPS];
            double[] drop = new double[STEPS];
            SplittableRandom random = new SplittableRandom(1);
            try (Sgd baseSgd = sgd(root, deepLab);
                    Sgd dropSgd = sgd(root, dropClass)) {
                for (int i = 0; i < WARMUP + STEPS; i++) {
                    TrainingBatch batch = batch(i, random);
                    double b = step(root, baseline, baseSgd, batch);
                    double d = step(root, method, dropSgd, batch);
                    if (i >= WARMUP) {
                        base[i - WARMUP] = b;
                        drop[i - WARMUP] = d;
                    }
                }
            }
            System.out.printf(
                    "DeepLabV3-MobileNetV3-Large train step, batch %dx3x%dx%d, %s intra-op"
                            + " threads:%n  baseline (CE)       median %.0f ms  %s%n"
                            + "  DropClass (forced)  median %.0f ms  %s%n",
                    B,
                    H,
                    W,
                    System.getProperty("ai.djl.pytorch.num_threads", "default"),
                    median(base),
                    Arrays.toString(Arrays.stream(base).mapToLong(Math::round).toArray()),
                    median(drop),
                    Arrays.toString(Arrays.stream(drop).mapToLong(Math::round).toArray()));
        }
    }

    private static Sgd sgd(NDManager root, SegmentationNetwork network) {
        List<NDArray> trainable =
                network.namedParameters().values().stream()
                        .filter(Parameter::requiresGradient)
                        .map(Parameter::getArray)
                        .toList();
        return new Sgd(root, trainable, 0.9, 5e-4, false);
    }

    private static double step(
            NDManager root, TrainingObjective objective, Sgd sgd, TrainingBatch batch) {
        long t0 = System.nanoTime();
        try (NDManager scope = root.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray images = scope.create(batch.images(), new Shape(B, 3, H, W)); // (B, 3, H, W)
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TrainingObjective.Terms terms = objective.loss(ps, images, batch, 500);
                terms.total().getFloat();
                collector.backward(terms.total());
            }
            sgd.step(0.004);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static TrainingBatch batch(int iteration, SplittableRandom random) {
        float[] images = new float[B * 3 * H * W];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        byte[][] labels = new byte[B][H * W];
        for (byte[] label : labels) {
            for (int i = 0; i < label.length; i++) {
                int y = random.nextInt(K + 1);
                label[i] = (byte) (y == K ? 255 : y);
            }
        }
        return new TrainingBatch(iteration, images, labels, H, W);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
