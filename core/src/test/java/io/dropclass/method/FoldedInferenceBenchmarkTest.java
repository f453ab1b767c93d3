package io.dropclass.method;

import static io.dropclass.testing.TrainingSteps.median;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the cost of one inference forward of HRNetV2-W18-Small-v1 with the DropClass head at
 * 1×3×1024×2048: the network as it predicts (head folded into one convolution) and, interleaved,
 * the head computed literally (A ⊙ s, conv, BatchNorm, ReLU as separate operations); wall time and
 * the stepping thread's CPU time (the step's own work with one intra-op thread), medians. Measures,
 * asserts nothing. Run with {@code -Ddropclass.benchmark=true}.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "dropclass.benchmark", matches = "true")
class FoldedInferenceBenchmarkTest {

    private static final int REPEATS = 3;
    private static final int K = 19;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void printsInferenceTimesWithTheFoldedAndTheLiteralHead() {
        try (NDManager root = NDManager.newBaseManager(Device.cpu())) {
            HrNet hrnet = HrNet.create(HrNetSpec.w18SmallV1(), K);
            DropClassNetwork network = DropClassNetwork.wrap(hrnet);
            network.initializeParameters(root, 0);
            double[][] wall = new double[2][REPEATS];
            double[][] cpu = new double[2][REPEATS];
            for (int i = 0; i < REPEATS + 1; i++) {
                for (int v = 0; v < 2; v++) {
                    int variant = (v + i) % 2;
                    long w0 = System.nanoTime();
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    try (NDManager scope = root.newSubManager()) {
                        ParameterStore ps = new ParameterStore(scope, false);
                        NDArray x = scope.randomNormal(new Shape(1, 3, 1024, 2048));
                        NDArray logits; // (1, K, 256, 512)
                        if (variant == 0) {
                            logits = network.forward(ps, new NDList(x), false).singletonOrThrow();
                        } else {
                            NDArray a = hrnet.features(ps, x, false);
                            NDArray dropped =
                                    LiteralDropFeatures.of(network,
                                            ps, a, DropDecision.none(0, 0), false);
                            logits = hrnet.classify(ps, dropped, false);
                        }
                        logits.getFloat(0, 0, 0, 0);
                    }
                    if (i > 0) {
                        wall[variant][i - 1] = (System.nanoTime() - w0) / 1e6;
                        cpu[variant][i - 1] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
                    }
                }
            }
            System.out.printf(
                    "W18-Small-v1 + DropClass head, inference 1x3x1024x2048, %s intra-op"
                            + " threads:%n"
                            + "  folded head   wall median %.0f ms %s, CPU median %.0f ms%n"
                            + "  literal head  wall median %.0f ms %s, CPU median %.0f ms%n",
                    System.getProperty("ai.djl.pytorch.num_threads", "default"),
                    median(wall[0]),
                    Arrays.toString(Arrays.stream(wall[0]).mapToLong(Math::round).toArray()),
                    median(cpu[0]),
                    median(wall[1]),
                    Arrays.toString(Arrays.stream(wall[1]).mapToLong(Math::round).toArray()),
                    median(cpu[1]));
        }
    }
}
