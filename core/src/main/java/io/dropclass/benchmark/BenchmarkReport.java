package io.dropclass.benchmark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one benchmark measured.
 *
 * @param tool the tool and its version
 * @param model the architecture name
 * @param method the method name
 * @param crop the training crop
 * @param threads engine intra-op threads
 * @param loaderThreads background threads preparing batches
 * @param versions Java, OS, DJL, engine versions and the processor count
 * @param notes conditions the figures hold under (e.g. DropClass forced to drop every step)
 * @param train the timed training steps
 * @param flops the counted arithmetic of a step
 * @param inference the inference measurements, one per size
 * @param matmul the matrix-product ceiling
 * @param memory resident memory, its curve, the allocator and the page faults of the timed steps
 * @param profile the operators of one profiled training step, when asked for
 */
public record BenchmarkReport(
        String tool,
        String model,
        String method,
        Resolution crop,
        int threads,
        int loaderThreads,
        Map<String, String> versions,
        List<String> notes,
        TrainingMeasurement train,
        FlopFigures flops,
        List<InferenceBenchmark.InferenceResult> inference,
        MatmulCeiling.MatmulResult matmul,
        MemoryFigures memory,
        Optional<OperatorProfile> profile) {

    /** Copies the collections. */
    public BenchmarkReport {
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        notes = List.copyOf(notes);
        inference = List.copyOf(inference);
    }

    /**
     * Images per step.
     *
     * @return the training batch
     */
    public int batch() {
        return train.batch();
    }

    /**
     * The achieved arithmetic rate of training: step GFLOP / mean step time (loader wait included).
     *
     * @return GFLOP/s
     */
    public double trainingGflopsPerSecond() {
        return flops.stepGflop() / (train.stepMsMean() / 1000);
    }

    /**
     * The achieved training rate against the matrix-product ceiling on the same threads.
     *
     * @return training GFLOP/s / matmul GFLOP/s
     */
    public double efficiency() {
        return trainingGflopsPerSecond() / matmul.gflopsPerSecond();
    }
}
