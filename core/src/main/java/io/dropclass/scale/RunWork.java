package io.dropclass.scale;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropclass.results.ResultFiles;
import io.dropclass.run.RunLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The task side of every executor: a finished run is reused, an unfinished one (a killed or failed
 * attempt) is deleted and trained again, an absent one is trained; then its metrics are read back.
 * So a retried or re-submitted task is safe, and trains each run at most once to the end.
 */
public final class RunWork {

    /** How long an unfinished run's lock may stay held (by a dying process) before giving up. */
    private static final long LOCK_WAIT_SECONDS = 120;

    private RunWork() {}

    /**
     * Runs one task.
     *
     * @param task the run
     * @param trainer trains the run into its directory
     * @param progress one line per event
     * @return the run's result
     * @throws IOException if the run fails or its files cannot be read
     */
    public static RunResult run(RunTask task, RunTrainer trainer, Consumer<String> progress)
            throws IOException {
        Path dir = task.path();
        if (isFinished(dir)) {
            progress.accept("reusing finished run " + dir);
            return collect(task, RunResult.Origin.REUSED);
        }
        RunResult.Origin origin = RunResult.Origin.TRAINED;
        if (Files.exists(dir)) {
            progress.accept("training again the unfinished run " + dir);
            awaitUnlocked(dir);
            deleteTree(dir);
            origin = RunResult.Origin.RETRAINED;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        progress.accept("== " + dir);
        trainer.train(task);
        if (!isFinished(dir)) {
            throw new IOException("run " + dir + ": training ended without a finished manifest"
                    + " and metrics.json; see its manifest.json and " + task.logFile());
        }
        return collect(task, origin);
    }

    /**
     * Whether a run directory holds a finished run: its manifest says {@code finished} and its
     * {@code metrics.json} exists.
     *
     * @param dir the run directory
     * @return true if it can be reused
     */
    public static boolean isFinished(Path dir) {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest) || !Files.isRegularFile(dir.resolve("metrics.json"))) {
            return false;
        }
        try {
            JsonNode node = ResultFiles.mapper().readTree(manifest.toFile());
            return node != null && "finished".equals(node.path("status").asText());
        } catch (IOException e) {
            return false; // a torn manifest: the run is trained again
        }
    }

    private static RunResult collect(RunTask task, RunResult.Origin origin) throws IOException {
        Path dir = task.path();
        return new RunResult(task, origin,
                Files.readString(dir.resolve("metrics.json"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("class_stats.json"), StandardCharsets.UTF_8));
    }

    /** Waits while another process (an attempt that is still dying) holds the run's lock. */
    private static void awaitUnlocked(Path dir) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOCK_WAIT_SECONDS);
        while (RunLock.isLocked(dir)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(RunLock.busy(dir));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("run " + dir + ": interrupted while waiting for its lock", e);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
