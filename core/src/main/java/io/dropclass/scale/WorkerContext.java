package io.dropclass.scale;

import java.io.IOException;
import java.util.Optional;

/**
 * What a worker gives a {@link PartitionedJob}: its device, and resources shared by all ranges it
 * computes (a network loaded once per worker, not once per range).
 */
public interface WorkerContext {

    /** A resource that can be loaded. */
    @FunctionalInterface
    interface Loader<R extends AutoCloseable> {
        /**
         * Loads it.
         *
         * @return the resource
         * @throws IOException if it cannot be loaded
         */
        R load() throws IOException;
    }

    /** The device to compute on ({@code gpu:N}), or empty for the engine's default. */
    Optional<String> device();

    /**
     * The worker's resource under a key, loaded on first use; the worker closes it when it ends.
     * Several ranges may use it at once: the resource guards what is not thread-safe.
     *
     * @param key names the resource and everything it depends on (file, configuration, device)
     * @param type the resource's class
     * @param loader loads it the first time
     * @param <R> its type
     * @return the resource
     * @throws IOException if it cannot be loaded
     */
    <R extends AutoCloseable> R shared(String key, Class<R> type, Loader<R> loader)
            throws IOException;
}
