package io.dropclass.scale;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Trains up to N runs at once, each in its own child JVM with its own engine threads
 * ({@link ChildJvm}). With devices, there is one slot per device and each run is pinned to the
 * device of the slot it took. A failed run does not stop the others (they finish and are reused
 * next time); the first failure is reported after all have ended.
 */
public final class ProcessExecutor implements RunExecutor {

    private final WorkerLaunch launch;
    private final int parallel;
    private final List<String> devices;

    /**
     * A pool of child JVMs.
     *
     * @param launch how to start a child
     * @param parallel runs at once, at least 1
     * @param devices {@code gpu:N} names, one slot each (then {@code parallel} must not exceed
     *     their count), or empty for CPU slots
     */
    public ProcessExecutor(WorkerLaunch launch, int parallel, List<String> devices) {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel: got " + parallel
                    + "; give at least 1");
        }
        if (!devices.isEmpty() && parallel > devices.size()) {
            throw new IllegalArgumentException("--parallel: " + parallel + " runs at once but "
                    + devices.size() + " device(s); one run per device: give at most "
                    + devices.size() + " or more devices");
        }
        this.launch = launch;
        this.parallel = parallel;
        this.devices = List.copyOf(devices);
    }

    @Override
    public List<RunResult> execute(List<RunTask> tasks, Consumer<String> progress)
            throws IOException {
        BlockingQueue<Optional<String>> slots = new ArrayBlockingQueue<>(parallel);
        for (int i = 0; i < parallel; i++) {
            slots.add(devices.isEmpty() ? Optional.empty() : Optional.of(devices.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (RunTask task : tasks) {
                futures.add(pool.submit(() -> inSlot(task, slots, progress)));
            }
            return collect(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    private RunResult inSlot(RunTask task, BlockingQueue<Optional<String>> slots,
            Consumer<String> progress) throws IOException, InterruptedException {
        Optional<String> device = slots.take();
        try {
            RunResult result = RunWork.run(task, new ChildJvm(launch, device), line ->
                    progress.accept(line + (line.startsWith("== ") ? " (output: " + task.logFile()
                            + device.map(d -> ", " + d).orElse("") + ")" : "")));
            if (result.origin() != RunResult.Origin.REUSED) {
                progress.accept("finished " + task.path());
            }
            return result;
        } finally {
            slots.add(device);
        }
    }

    private static List<RunResult> collect(List<Future<RunResult>> futures) throws IOException {
        List<RunResult> results = new ArrayList<>();
        IOException first = null;
        int failed = 0;
        for (Future<RunResult> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                failed++;
                if (first == null) {
                    first = e.getCause() instanceof IOException io ? io
                            : new IOException(String.valueOf(e.getCause().getMessage()),
                                    e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the runs", e);
            }
        }
        if (first != null) {
            throw new IOException(first.getMessage() + (failed > 1 ? " (and " + (failed - 1)
                    + " other run(s) failed)" : ""), first);
        }
        return results;
    }
}
