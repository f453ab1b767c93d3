package io.dropclass.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the time of a training step (forward, mean-of-logits loss, backward) of
 * HRNetV2-W18-Small-v1 at batch 8 of 3×128×256; measures, asserts nothing. Run with {@code
 * -Ddropclass.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "dropclass.benchmark", matches = "true")
class HrNetBenchmarkTest {

    private static final int WARMUP = 2;
    private static final int STEPS = 6;

    @Test
    void printsTrainingStepTime() {
        try (NDManager root = NDManager.newBaseManager()) {
            HrNet net = HrNet.create(HrNetSpec.w18SmallV1(), 19);
            net.initializeParameters(root, 0);
            ParameterStore ps = new ParameterStore(root, false);
            double[] total = new double[STEPS];
            double[] forward = new double[STEPS];
            for (int i = 0; i < WARMUP + STEPS; i++) {
                try (NDManager batch = root.newSubManager()) {
                    NDArray x = batch.randomNormal(new Shape(8, 3, 128, 256));
                    long t0 = System.nanoTime();
                    long t1;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = net.forward(ps, new NDList(x), true).singletonOrThrow();
                        NDArray loss = logits.mean();
                        loss.getFloat(); // forces the forward
                        t1 = System.nanoTime();
                        gc.backward(loss);
                    }
                    long t2 = System.nanoTime();
                    if (i >= WARMUP) {
                        total[i - WARMUP] = (t2 - t0) / 1e6;
                        forward[i - WARMUP] = (t1 - t0) / 1e6;
                    }
                }
            }
            System.out.printf(
                    "W18-Small-v1 train step, batch 8x3x128x256, %s intra-op threads: "
                            + "median %.0f ms (forward %.0f ms), steps %s%n",
                    System.getProperty("ai.djl.pytorch.num_threads", "default"),
                    median(total),
                    median(forward),
                    Arrays.toString(Arrays.stream(total).mapToLong(Math::round).toArray()));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
