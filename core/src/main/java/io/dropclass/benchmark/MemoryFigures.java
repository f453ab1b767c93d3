package io.dropclass.benchmark;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The memory side of a benchmark: the process's resident memory, its curve over the training
 * steps, the allocator it ran with and the page faults of the timed steps.
 *
 * @param process VmRSS and VmHWM at the end
 * @param rss VmRSS over the training steps
 * @param allocator the native allocator (whether freed memory is kept)
 * @param timedFaults the page faults taken during the timed training steps, where readable
 * @param timedSteps the number of timed steps
 */
public record MemoryFigures(ProcessMemory process, RssCurve rss, MemoryAllocator allocator,
        Optional<PageFaults> timedFaults, int timedSteps) {

    /** Checks the fields. */
    public MemoryFigures {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(rss, "rss");
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(timedFaults, "timedFaults");
    }

    /**
     * Minor page faults per timed step.
     *
     * @return the mean, absent where the counters could not be read
     */
    public OptionalDouble minorFaultsPerStep() {
        return timedFaults.isEmpty() || timedSteps == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((double) timedFaults.get().minor() / timedSteps);
    }

    /**
     * Major page faults per timed step.
     *
     * @return the mean, absent where the counters could not be read
     */
    public OptionalDouble majorFaultsPerStep() {
        return timedFaults.isEmpty() || timedSteps == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((double) timedFaults.get().major() / timedSteps);
    }
}
