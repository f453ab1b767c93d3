package io.dropclass.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * System settings that must be in place before the engine starts: offline mode (DJL never opens a
 * network connection), no telemetry, the native cache folder, headless AWT, thread counts.
 */
final class EngineSettings {

    private EngineSettings() {}

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

    /** Intra-op threads (and one inter-op thread), unless set by -D on the command line. */
    static void apply(int threads) {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
