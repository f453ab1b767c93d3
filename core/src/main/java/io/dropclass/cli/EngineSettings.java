package io.dropclass.cli;

import io.dropclass.experiment.NativeLog;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * System settings that must be in place before the engine starts: offline mode (DJL never opens a
 * network connection), no telemetry, the native cache folder, headless AWT, thread counts; and the
 * threshold of the engine's native log, set as it starts.
 */
final class EngineSettings {

    /** The environment variable that, when set, chooses the native log threshold. */
    static final String LOG_LEVEL_VARIABLE = "TORCH_CPP_LOG_LEVEL";

    /** The native log threshold of this invocation, set when the engine starts. */
    private static NativeLog.Level nativeLogLevel = NativeLog.Level.ERROR;

    private EngineSettings() {}

    /**
     * Chooses the threshold of the engine's native log for this invocation: ERROR (the engine's
     * warnings, which a user cannot act on, are not shown) unless {@code --verbose} (WARNING,
     * libtorch's default); {@code TORCH_CPP_LOG_LEVEL} in the environment wins, as it would in
     * PyTorch. It takes effect in {@link #apply(int)}, which starts the engine.
     *
     * @param verbose whether --verbose was given
     * @param environment the environment's variables (System::getenv)
     * @return a one-line message naming the variable and the fix if its value is not a level
     */
    static Optional<String> chooseNativeLog(boolean verbose, Function<String, String> environment) {
        String value = environment.apply(LOG_LEVEL_VARIABLE);
        nativeLogLevel = verbose ? NativeLog.Level.WARNING : NativeLog.Level.ERROR;
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            nativeLogLevel = NativeLog.Level.parse(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("environment variable " + LOG_LEVEL_VARIABLE + "=" + value + ": "
                    + e.getMessage());
        }
    }

    /** The native log threshold chosen for this invocation. */
    static NativeLog.Level nativeLogLevel() {
        return nativeLogLevel;
    }

    /** Offline mode, telemetry off, headless, and the native cache (unless the user set one). */
    static void applyDefaults() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null
                && System.getenv("ENGINE_CACHE_DIR") == null) {
            Path cache = Path.of(System.getProperty("user.home"), ".cache", "dropclass", "djl");
            System.setProperty("DJL_CACHE_DIR", cache.toString());
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        // "Failed to detect GPU count" is harmless on CPU machines (djl-notes.md §2).
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    }

    /**
     * Why DJL would not be offline although {@link #applyDefaults()} asked for it: DJL reads the
     * environment variable {@code DJL_OFFLINE} before the system property, so a
     * {@code DJL_OFFLINE=false} in the environment would turn offline mode off.
     *
     * @param environment the environment's variables (System::getenv)
     * @return a one-line message naming the variable and the fix, or empty if offline mode holds
     */
    static Optional<String> offlineOverridden(Function<String, String> environment) {
        String value = environment.apply("DJL_OFFLINE");
        if (value == null || Boolean.parseBoolean(value)) {
            return Optional.empty();
        }
        return Optional.of("environment variable DJL_OFFLINE=" + value + " would let DJL download;"
                + " unset it (dropclass never uses the network)");
    }

    /**
     * Intra-op threads (and one inter-op thread), unless set by -D on the command line; then starts
     * the engine (which reads them once) and sets its native log threshold. Every command that
     * uses the engine calls this first.
     */
    static void apply(int threads) {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        NativeLog.setThreshold(nativeLogLevel);
    }
}
