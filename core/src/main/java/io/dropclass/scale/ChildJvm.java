package io.dropclass.scale;

import io.dropclass.results.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Trains one run in a child JVM (two trainings cannot share one engine process): the run's
 * configuration goes to a temporary file, the child's output to {@code OUT/<name>/seed-<s>.log},
 * and a GPU device, if given, is the only one the child sees. The child ends itself when this
 * process ends ({@link #PARENT_ENV}), and an interrupt (a cancelled task) kills it.
 */
public final class ChildJvm implements RunTrainer {

    /** The environment variable that tells a child the process id to end with. */
    public static final String PARENT_ENV = "DROPCLASS_PARENT_PID";

    private final WorkerLaunch launch;
    private final Optional<String> device;

    /**
     * A trainer that starts child JVMs.
     *
     * @param launch how to start one
     * @param device {@code gpu:N} to pin the child to, or empty
     */
    public ChildJvm(WorkerLaunch launch, Optional<String> device) {
        this.launch = launch;
        this.device = device;
    }

    @Override
    public void train(RunTask task) throws IOException {
        Path config = Files.createTempFile("dropclass-run-", ".json");
        try {
            AtomicFiles.writeString(config, task.configJson());
            ProcessBuilder builder = new ProcessBuilder(launch.command(config, task.path()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(task.logFile().toFile()));
            builder.environment().put(PARENT_ENV, Long.toString(ProcessHandle.current().pid()));
            Devices.gpuIndex(device).ifPresent(gpu ->
                    builder.environment().put("CUDA_VISIBLE_DEVICES", Integer.toString(gpu)));
            int code = await(builder.start(), task);
            if (code != 0) {
                throw new IOException("run " + task.path() + ": the training process ended with"
                        + " exit code " + code + lastError(task.logFile()) + "; its output is in "
                        + task.logFile());
            }
        } finally {
            Files.deleteIfExists(config);
        }
    }

    private static int await(Process process, RunTask task) throws IOException {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("run " + task.path() + ": interrupted; the training process was"
                    + " stopped", e);
        }
    }

    /** The last {@code dropclass:} line of the log (the child's one-line error), if any. */
    private static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("dropclass: ")) {
                    return " (" + lines.get(i) + ")";
                }
            }
        } catch (IOException e) {
            // no log to quote
        }
        return "";
    }
}
