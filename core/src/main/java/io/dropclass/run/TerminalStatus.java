package io.dropclass.run;

import io.dropclass.results.RunManifest;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * The end of a run's manifest, written once: the first terminal status (finished, failed,
 * interrupted) wins and later ones are dropped. Writes are serialised, so a signal hook waits for a
 * terminal write in progress instead of racing it.
 */
public final class TerminalStatus {

    private final RunDirectory run;
    private boolean written;

    /**
     * Creates the status of a run.
     *
     * @param run the run directory
     */
    public TerminalStatus(RunDirectory run) {
        this.run = Objects.requireNonNull(run, "run");
    }

    /**
     * Writes an ended manifest unless a terminal status was already written.
     *
     * @param ended the manifest with its terminal status
     * @return whether it was written
     * @throws IOException if writing fails (the status then counts as not written)
     */
    public synchronized boolean write(RunManifest ended) throws IOException {
        if (written) {
            return false;
        }
        run.writeManifest(ended);
        written = true;
        return true;
    }

    /**
     * Marks the run failed with an error's message; if the manifest cannot be written (a full
     * disk), that failure is added to the error as suppressed: the error is the one to report.
     *
     * @param manifest the running manifest
     * @param error what ended the run
     */
    public void fail(RunManifest manifest, Throwable error) {
        try {
            write(manifest.end("failed", String.valueOf(error.getMessage()),
                    OffsetDateTime.now().toString(), Map.of()));
        } catch (IOException | RuntimeException manifestFailed) {
            error.addSuppressed(manifestFailed);
        }
    }

    /**
     * Marks the run interrupted when the JVM is stopped by a signal, until {@link
     * SignalGuard#close} (the work finished or failed on its own).
     *
     * @param manifest the running manifest
     * @return the guard; close it when the work ends
     */
    public SignalGuard onSignal(RunManifest manifest) {
        Thread hook = new Thread(() -> {
            try {
                write(manifest.end("interrupted", "stopped by a signal",
                        OffsetDateTime.now().toString(), Map.of()));
            } catch (IOException e) {
                // the JVM is exiting; the manifest keeps saying "running"
            }
        }, "dropclass-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        return new SignalGuard(hook);
    }

    /** The shutdown hook of {@link #onSignal}, removed on close. */
    public static final class SignalGuard implements AutoCloseable {
        private final Thread hook;

        private SignalGuard(Thread hook) {
            this.hook = hook;
        }

        /** Removes the hook; a hook already running owns the manifest. */
        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it owns the manifest now
            }
        }
    }
}
