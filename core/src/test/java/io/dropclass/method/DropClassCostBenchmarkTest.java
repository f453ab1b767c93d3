package io.dropclass.method;

import static io.dropclass.testing.TrainingSteps.median;
import static io.dropclass.testing.TrainingSteps.randomBatch;
import static io.dropclass.testing.TrainingSteps.sgd;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.dropclass.benchmark.ForwardFlops;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import io.dropclass.nn.TensorFormat;
import io.dropclass.training.NonFinitePolicy;
import io.dropclass.training.PixelLossObjective;
import io.dropclass.training.Sgd;
import io.dropclass.training.TrainingBatch;
import io.dropclass.training.TrainingObjective;
import io.dropclass.training.TrainingStep;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the cost of DropClass: ms per training step (forward, loss, backward, SGD) of
 * HRNetV2-W18-Small-v1 at batch 8 of 3×128×256, the baseline ({@link PixelLossObjective#crossEntropy}) and
 * DropClass ({@link DropClassObjective}, a drop forced every step) interleaved in one run, medians
 * after warm-up; and the FLOP share of the DropClass branch, counted by {@link ForwardFlops}.
 * Measures, asserts nothing. Run with {@code -Ddropclass.benchmark=true}.
 *
 * <p>Besides wall time it reports the CPU time of the stepping thread: with one intra-op thread
 * ({@code -Dai.djl.pytorch.num_threads=1}) PyTorch computes on the calling thread, so that figure
 * is the step's own work and barely moves when other processes compete for the cores, which wall
 * time on a shared machine does not. With more threads it misses the pool's share.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "dropclass.benchmark", matches = "true")
class DropClassCostBenchmarkTest {

    private static final int WARMUP = 3;
    private static final int STEPS = 9;
    private static final int B = 8;
    private static final int H = 128;
    private static final int W = 256;
    private static final int K = 19;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The layout training uses by default. */
    private static final TensorFormat FORMAT = TensorFormat.float32(true);

    @Test
    void printsStepTimesAndTheFlopShareOfTheDropBranch() {
        try (NDManager root = NDManager.newBaseManager(Device.cpu())) {
            // two networks of the same weights (each optimizer owns its parameters), laid out
            // as training lays them out
            HrNet hrnet = HrNet.create(HrNetSpec.w18SmallV1(), K);
            hrnet.initializeParameters(root, 0, FORMAT);
            DropClassNetwork dropClass =
                    DropClassNetwork.wrap(HrNet.create(HrNetSpec.w18SmallV1(), K));
            dropClass.initializeParameters(root, 0, FORMAT);
            double[] weights = new double[K];
            Arrays.fill(weights, 1);
            TrainingObjective baseline = PixelLossObjective.crossEntropy(hrnet, weights);
            TrainingObjective method =
                    new DropClassObjective(
                            dropClass,
                            weights,
                            DropSchedule.perEpoch(968),
                            ClassDropSampler.forced(K, 12),
                            DropClassLoss.DEFAULT_ALPHA);
            double[] base = new double[STEPS];
            double[] drop = new double[STEPS];
            double[] baseCpu = new double[STEPS];
            double[] dropCpu = new double[STEPS];
            SplittableRandom random = new SplittableRandom(1);
            try (Sgd baseSgd = sgd(root, hrnet);
                    Sgd dropSgd = sgd(root, dropClass)) {
                TrainingStep baseStep = new TrainingStep(baseline, baseSgd,
                        NonFinitePolicy.STOP, List.of(), FORMAT);
                TrainingStep dropStep = new TrainingStep(method, dropSgd,
                        NonFinitePolicy.STOP, List.of(), FORMAT);
                for (int i = 0; i < WARMUP + STEPS; i++) {
                    TrainingBatch batch = randomBatch(i, random, B, H, W, K);
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    double b = timed(root, baseStep, batch);
                    long c1 = THREADS.getCurrentThreadCpuTime();
                    double d = timed(root, dropStep, batch);
                    long c2 = THREADS.getCurrentThreadCpuTime();
                    if (i >= WARMUP) {
                        base[i - WARMUP] = b;
                        drop[i - WARMUP] = d;
                        baseCpu[i - WARMUP] = (c1 - c0) / 1e6;
                        dropCpu[i - WARMUP] = (c2 - c1) / 1e6;
                    }
                }
            }
            System.out.printf(
                    "W18-Small-v1 train step, batch %dx3x%dx%d, %s intra-op threads:%n"
                            + "  baseline (CE)       median %.0f ms  %s%n"
                            + "  DropClass (forced)  median %.0f ms  %s%n"
                            + "  DropClass / baseline = %.3f%n",
                    B,
                    H,
                    W,
                    System.getProperty("ai.djl.pytorch.num_threads", "default"),
                    median(base),
                    Arrays.toString(Arrays.stream(base).mapToLong(Math::round).toArray()),
                    median(drop),
                    Arrays.toString(Arrays.stream(drop).mapToLong(Math::round).toArray()),
                    median(drop) / median(base));
            System.out.printf(
                    "  CPU time of the stepping thread: baseline median %.0f ms, DropClass median"
                            + " %.0f ms, ratio %.3f%n",
                    median(baseCpu),
                    median(dropCpu),
                    median(dropCpu) / median(baseCpu));
            printFlops(dropClass, H, W);
            printFlops(dropClass, 512, 1024);
            printFlops(dropClass, 1024, 2048);
        }
    }

    /** One step of the trainer's own code path, its wall time in ms. */
    private static double timed(NDManager root, TrainingStep step, TrainingBatch batch) {
        long t0 = System.nanoTime();
        step.run(root, new ParameterStore(root, false), batch, 500, 0.004,
                TrainingStep.PhaseClock.NONE);
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * Multiply-accumulates of one image's training forward and loss, reported by the layers to a
     * {@link io.dropclass.nn.FlopCounter}: HRNet with its classifier (the baseline) and with the
     * DropClass branch (its 1×1 conv + BN + ReLU and the second classifier pass). Convolutions and
     * the bilinear resizes (fuse layers, head, loss) are counted; elementwise work is not.
     */
    private static void printFlops(DropClassNetwork network, int height, int width) {
        double[] weights = new double[K];
        Arrays.fill(weights, 1);
        TrainingBatch one = new TrainingBatch(0, new float[3 * height * width],
                new byte[][] {new byte[height * width]}, height, width);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            long bare = ForwardFlops.perImage(manager,
                    PixelLossObjective.crossEntropy(network.network(), weights), one, 0).macs();
            long withHead = ForwardFlops.perImage(manager, new DropClassObjective(network, weights,
                    DropSchedule.perEpoch(968), ClassDropSampler.forced(K, 12)), one, 0).macs();
            System.out.printf(
                    "  %dx%d: HRNet+classifier %.3f GMAC per image; DropClass branch %.4f GMAC"
                            + " = %.2f %% of the forward%n",
                    height, width, bare / 1e9, (withHead - bare) / 1e9,
                    100.0 * (withHead - bare) / withHead);
        }
    }
}
