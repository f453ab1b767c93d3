package io.dropclass.model;

import static io.dropclass.testing.TrainingSteps.median;
import static io.dropclass.testing.TrainingSteps.randomBatch;
import static io.dropclass.testing.TrainingSteps.sgd;
import static io.dropclass.testing.TrainingSteps.step;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.dropclass.method.ClassDropSampler;
import io.dropclass.method.DropClassLoss;
import io.dropclass.method.DropClassNetwork;
import io.dropclass.method.DropClassObjective;
import io.dropclass.method.DropSchedule;
import io.dropclass.training.PixelLossObjective;
import io.dropclass.training.Sgd;
import io.dropclass.training.TrainingBatch;
import io.dropclass.training.TrainingObjective;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

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
            double[] weights = new double[K];
            Arrays.fill(weights, 1);
            TrainingObjective baseline = PixelLossObjective.crossEntropy(deepLab, weights);
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
                    TrainingBatch batch = randomBatch(i, random, B, H, W, K);
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
}
