package io.dropclass.benchmark;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.dropclass.training.BatchLoader;
import io.dropclass.training.PolyLearningRate;
import io.dropclass.training.TrainingBatch;
import io.dropclass.training.TrainingStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the trainer's step ({@link TrainingStep}) on the loader's batches, as {@code
 * SegmentationTrainer.fit} does, and times it: warm-up steps first (not measured), then per step
 * the wait for the batch plus each phase of the step; optionally VmRSS every {@code rssEvery}
 * measured steps.
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {}

    /**
     * The measured steps and the memory curve.
     *
     * @param measurement the step times
     * @param rss VmRSS after the warm-up (step 0) and every {@code rssEvery} steps; empty if off or
     *     not on Linux
     */
    public record Result(TrainingMeasurement measurement, RssCurve rss,
            Optional<PageFaults> timedFaults, Optional<OperatorProfile> profile) {}

    /**
     * How many steps to run and what to measure besides their times.
     *
     * @param batch images per step
     * @param warmup untimed steps first
     * @param steps timed steps
     * @param rssEvery sample VmRSS every this many timed steps (0: never)
     * @param profile whether to run one more, untimed step under PyTorch's profiler
     */
    public record Plan(int batch, int warmup, int steps, int rssEvery, boolean profile) {}

    /**
     * Trains {@code warmup + steps} steps from iteration 0.
     *
     * @param manager parent of each step's arrays
     * @param step the training step (objective and optimizer)
     * @param loader batches from iteration 0
     * @param learningRate the poly schedule over {@code warmup + steps} iterations
     * @param plan the step counts, the memory sampling and the profiling
     * @return the times and the curve
     */
    public static Result run(
            NDManager manager,
            TrainingStep step,
            BatchLoader loader,
            PolyLearningRate learningRate,
            Plan plan) {
        int warmup = plan.warmup();
        int steps = plan.steps();
        int rssEvery = plan.rssEvery();
        ParameterStore ps = new ParameterStore(manager, false);
        StepTimes times = new StepTimes(steps);
        List<RssCurve.Point> curve = new ArrayList<>();
        Map<TrainingStep.Phase, Long> phases = new EnumMap<>(TrainingStep.Phase.class);
        Optional<PageFaults> before = Optional.empty();
        for (int i = 0; i < warmup + steps; i++) {
            int measured = i - warmup; // steps done before this one, once past the warm-up
            if (measured == 0) {
                before = PageFaults.read();
                if (rssEvery > 0) {
                    sample(curve, 0);
                }
            }
            phases.clear();
            long t0 = System.nanoTime();
            TrainingBatch next = loader.next();
            long waited = System.nanoTime() - t0;
            step.run(manager, ps, next, loader.epochOf(i), learningRate.at(i),
                    (phase, nanos) -> phases.merge(phase, nanos, Long::sum));
            long total = System.nanoTime() - t0;
            if (measured >= 0) {
                phases.merge(TrainingStep.Phase.DATA, waited, Long::sum);
                times.add(total, phases);
                if (rssEvery > 0 && (measured + 1) % rssEvery == 0) {
                    sample(curve, measured + 1);
                }
            }
        }
        Optional<PageFaults> after = PageFaults.read();
        Optional<PageFaults> faults = before.isPresent() && after.isPresent()
                ? Optional.of(after.get().since(before.get())) : Optional.empty();
        Optional<OperatorProfile> operators = Optional.empty();
        if (plan.profile()) {
            int i = warmup + steps; // one more step, untimed, under the profiler
            TrainingBatch next = loader.next();
            operators = Optional.of(profiled(() -> step.run(manager, ps, next, loader.epochOf(i),
                    learningRate.at(i), TrainingStep.PhaseClock.NONE)));
        }
        return new Result(times.summary(plan.batch(), warmup), new RssCurve(curve), faults,
                operators);
    }

    /**
     * Runs work under PyTorch's profiler and reads its trace.
     *
     * @param work what to profile
     * @return the per-operator profile
     */
    static OperatorProfile profiled(Runnable work) {
        Path trace;
        try {
            trace = Files.createTempFile("dropclass-profile", ".json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the profiler's trace file", e);
        }
        try {
            JniUtils.startProfile(false, false, false);
            try {
                work.run();
            } finally {
                JniUtils.stopProfile(trace.toString());
            }
            return OperatorProfile.read(trace);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profiler's trace " + trace, e);
        } finally {
            try {
                Files.deleteIfExists(trace);
            } catch (IOException e) {
                // a temporary file; nothing depends on it
            }
        }
    }

    private static void sample(List<RssCurve.Point> curve, int step) {
        ProcessMemory.read().currentMb().ifPresent(mb -> curve.add(new RssCurve.Point(step, mb)));
    }
}
