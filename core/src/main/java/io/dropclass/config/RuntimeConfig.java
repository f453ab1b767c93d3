package io.dropclass.config;

import static io.dropclass.config.ConfigException.positive;

/**
 * How the run executes.
 *
 * @param seed seed of every random source (data order, augmentation, initialisation)
 * @param threads intra-op threads of the engine (0: one per core)
 * @param loaderThreads background threads preparing batches
 * @param channelsLast convolution weights and image batches are stored channels-last (NHWC order
 *     in memory), which the CPU convolutions run faster on: the same values and the same function,
 *     summed in another order ({@code check-reference --layout channels_last} vouches for it);
 *     false keeps PyTorch's default contiguous layout, the layout of the official code's numbers,
 *     for bit-level comparison with them
 */
public record RuntimeConfig(long seed, int threads, int loaderThreads, boolean channelsLast) {

    /** Validates the values. */
    public RuntimeConfig {
        ConfigException.require(threads >= 0, "threads",
                "got " + threads + "; use 0 (all cores) or a positive integer");
        positive(loaderThreads, "loader_threads");
    }

    /** Defaults: seed 42, all cores, one loader thread, channels-last. */
    public static RuntimeConfig defaults() {
        return new RuntimeConfig(42, 0, 1, true);
    }

    /** The thread count to use: {@code threads}, or the number of available processors. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
