package io.dropclass.experiment;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The threshold of the engine's native log. libtorch reports through c10's logging, which writes
 * straight to the process's standard error (file descriptor 2, past {@code System.err}) lines such
 * as {@code [W1206 21:52:27.392801902 NNPACK.cpp:57] Could not initialize NNPACK! Reason:
 * Unsupported hardware.} and deprecation notices of its own API ({@code TORCH_WARN}, which ends
 * in the same log). c10 prints a message whose severity is at least the variable
 * {@code FLAGS_caffe2_log_level} of libc10, read at every message (0 INFO, 1 WARNING, the
 * default, 2 ERROR, 3 FATAL).
 *
 * <p>PyTorch's {@code TORCH_CPP_LOG_LEVEL} environment variable sets that variable only in
 * {@code c10::initLogging()}, which Python's {@code torch} module calls and libtorch under DJL
 * never does (nothing in libtorch or DJL's JNI library calls it; checked on 2.7.1), and this build
 * of c10 has no glog, so {@code GLOG_minloglevel} does nothing either. So the variable is set here,
 * in the libc10 the engine loaded, through JNA (which DJL already brings). Messages emitted while
 * the native library loads come before any threshold can be set; none are known.
 *
 * <p>The engine's errors are not affected: a failed operation reaches Java as an exception
 * ({@code ai.djl.engine.EngineException}), and messages at ERROR and FATAL still print with the
 * ERROR threshold. The command line sets ERROR unless {@code --verbose}; a library user calls
 * {@link #setThreshold} if they want the same.
 */
public final class NativeLog {

    /** The symbol of c10's threshold. */
    static final String THRESHOLD_SYMBOL = "FLAGS_caffe2_log_level";

    /** c10's severities, in order (the ordinal is c10's number). */
    public enum Level {
        /** Everything. */
        INFO,
        /** Warnings and worse: libtorch's default. */
        WARNING,
        /** Errors and fatal errors only. */
        ERROR,
        /** Fatal errors only. */
        FATAL;

        /**
         * A level in the syntax of {@code TORCH_CPP_LOG_LEVEL}: a name or its number, any case.
         *
         * @param text e.g. {@code ERROR}, {@code warning} or {@code 2}
         * @return the level
         * @throws IllegalArgumentException if the text is none of them
         */
        public static Level parse(String text) {
            String t = text.strip().toUpperCase(Locale.ROOT);
            for (Level level : values()) {
                if (t.equals(level.name()) || t.equals(Integer.toString(level.ordinal()))) {
                    return level;
                }
            }
            throw new IllegalArgumentException("not a log level; use INFO, WARNING, ERROR or"
                    + " FATAL (or 0 to 3)");
        }
    }

    private NativeLog() {}

    /**
     * Starts the engine if it has not started (so set its thread properties first) and sets the
     * threshold of its native log. A later call replaces the threshold.
     *
     * @param level the least severity printed
     * @return whether it took effect (false where the engine's native library exposes no
     *     threshold, e.g. not PyTorch, a libc10 without the symbol, or no JNA for this platform)
     */
    public static synchronized boolean setThreshold(Level level) {
        return variable().map(p -> {
            p.setInt(0, level.ordinal());
            return true;
        }).orElse(false);
    }

    /**
     * The threshold in effect (starts the engine if it has not started).
     *
     * @return the level, or empty where the engine exposes none
     */
    public static synchronized Optional<Level> threshold() {
        return variable().map(p -> {
            int v = p.getInt(0);
            Level[] levels = Level.values();
            return levels[Math.max(0, Math.min(levels.length - 1, v))];
        });
    }

    private static Optional<Pointer> variable() {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return Optional.empty();
        }
        Path library = Path.of(LibUtils.getLibtorchPath()).resolve(System.mapLibraryName("c10"));
        if (!Files.isRegularFile(library)) {
            return Optional.empty();
        }
        try {
            // the library is loaded already: this opens the same one again (no second copy)
            return Optional.of(NativeLibrary.getInstance(library.toString())
                    .getGlobalVariableAddress(THRESHOLD_SYMBOL));
        } catch (LinkageError e) {
            // no such symbol, or JNA's own native part cannot load here: the log stays as it is
            return Optional.empty();
        }
    }
}
