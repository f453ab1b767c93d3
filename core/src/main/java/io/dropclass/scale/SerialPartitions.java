package io.dropclass.scale;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a job in this process on the engine's default device: as one range, or split into
 * {@code threads} aligned ranges computed by that many threads (the results are combined in
 * order, and the counts do not depend on the split). The shared resources are closed when the job
 * ends.
 */
public final class SerialPartitions implements PartitionExecutor {

    private final int threads;

    /**
     * A serial executor.
     *
     * @param threads threads computing ranges at once, at least 1
     */
    public SerialPartitions(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public <P extends Serializable> P run(PartitionedJob<P> job) throws IOException {
        List<Ranges.Range> ranges = Ranges.split(job.size(), job.alignment(), threads);
        try (LocalResources worker = new LocalResources(Optional.empty())) {
            P total = job.empty();
            if (ranges.size() <= 1) {
                for (Ranges.Range r : ranges) {
                    total = job.combine(total, job.compute(r.from(), r.to(), worker));
                }
                return total;
            }
            ExecutorService pool = Executors.newFixedThreadPool(ranges.size());
            try {
                List<Future<P>> parts = new ArrayList<>();
                for (Ranges.Range r : ranges) {
                    parts.add(pool.submit(() -> job.compute(r.from(), r.to(), worker)));
                }
                for (Future<P> part : parts) {
                    total = job.combine(total, join(part));
                }
                return total;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static <P> P join(Future<P> part) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a range", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * A worker context whose resources live until {@link #close}.
     */
    public static final class LocalResources implements WorkerContext, AutoCloseable {

        private final Optional<String> device;
        private final Map<String, AutoCloseable> resources = new LinkedHashMap<>();

        /**
         * A context on a device.
         *
         * @param device {@code gpu:N}, or empty for the engine's default
         */
        public LocalResources(Optional<String> device) {
            this.device = device;
        }

        @Override
        public Optional<String> device() {
            return device;
        }

        @Override
        public synchronized <R extends AutoCloseable> R shared(String key, Class<R> type,
                Loader<R> loader) throws IOException {
            AutoCloseable existing = resources.get(key);
            if (existing == null) {
                existing = loader.load();
                resources.put(key, existing);
            }
            return type.cast(existing);
        }

        /** Closes every resource, the last loaded first. */
        @Override
        public synchronized void close() throws IOException {
            IOException failure = null;
            List<AutoCloseable> lastFirst = new ArrayList<>(resources.values());
            Collections.reverse(lastFirst);
            for (AutoCloseable r : lastFirst) {
                try {
                    r.close();
                } catch (Exception e) {
                    failure = failure != null ? failure
                            : e instanceof IOException io ? io : new IOException(e);
                }
            }
            resources.clear();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
