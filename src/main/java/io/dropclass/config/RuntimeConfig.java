package io.dropclass.config;

import static io.dropclass.config.ConfigException.positive;

/**
 * How the run executes.
 *
 * @param seed seed of every random source (data order, augmentation, initialisation)
 * @param threads intra-op threads of the engine (0: one per core)
 * @param loaderThreads background threads preparing batches
 * @param channelsLast convolution weights and image batches are stored channels-last (NHWC order
 *     in memory): the same values and the same function, summed in another order; false keeps
 *     PyTorch's default contiguous layout, the layout of the official code's numbers
 */
public record RuntimeConfig(long seed, int threads, int loaderThreads, boolean channelsLast) {

    /** Validates the values. */
    public RuntimeConfig {
        ConfigException.require(threads >= 0, "threads",
                "got " + threads + "; use 0 (all cores) or a positive integer");
        positive(loaderThreads, "loader_threads");
    }

    /** Defaults: seed 42, all cores, one loader thread, contiguous layout. */
    public static RuntimeConfig defaults() {
        return new RuntimeConfig(42, 0, 1, false);
    }

    /** The thread count to use: {@code threads}, or the number of available processors. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
