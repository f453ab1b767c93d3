package io.dropclass.scale;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * One training run of a grid: where it lives and what it trains. Plain strings, so that it travels
 * to a child JVM or a cluster executor unchanged.
 *
 * @param name the run's group, e.g. a method or a sweep setting ({@code OUT/<name>/seed-<s>})
 * @param seed the seed ({@code runtime.seed} of the configuration)
 * @param directory the run directory, {@code OUT/<name>/seed-<seed>}
 * @param configJson the resolved configuration as {@code config.json} holds it
 */
public record RunTask(String name, long seed, String directory, String configJson)
        implements Serializable {

    /** Validates the fields. */
    public RunTask {
        if (name == null || name.isBlank() || directory == null || directory.isBlank()) {
            throw new IllegalArgumentException("a run task needs a name and a directory");
        }
        if (configJson == null || configJson.isBlank()) {
            throw new IllegalArgumentException("run " + directory + ": no configuration");
        }
    }

    /** The run directory as a path. */
    public Path path() {
        return Path.of(directory);
    }

    /** The file that a child JVM's output goes to: {@code OUT/<name>/seed-<s>.log}. */
    public Path logFile() {
        Path dir = path();
        return dir.resolveSibling(dir.getFileName() + ".log");
    }
}
