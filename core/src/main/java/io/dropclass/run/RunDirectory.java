package io.dropclass.run;

import io.dropclass.results.ResultFiles;
import io.dropclass.results.RunManifest;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder of one run:
 *
 * <pre>
 *   config.json        the resolved configuration
 *   manifest.json      provenance and status (running, finished, failed)
 *   class_stats.json   class pixel statistics of the training set
 *   history.csv, validation.csv, history.json
 *   metrics.json       the final evaluation
 *   checkpoints/       last.safetensors, best.safetensors (weights),
 *                      iter_NNNNNN.safetensors (full training state, the newest N and the best),
 *                      abandoned-N[-k]/ (branches left by resumes from an older checkpoint)
 *   .lock              locked by the process training in the folder (see RunLock)
 * </pre>
 *
 * <p>A run is finished only when its manifest says so; files are written atomically.
 */
public final class RunDirectory {

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /**
     * A default location: {@code runs/<yyyyMMdd-HHmmss>-<name>} under the working directory.
     *
     * @param name the experiment name
     * @return the path (not created)
     */
    public static Path defaultPath(String name) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return defaultParent().resolve(stamp + "-" + name);
    }

    /**
     * The folder of the default locations: {@code runs} under the working directory.
     *
     * @return the path
     */
    public static Path defaultParent() {
        return Path.of("runs");
    }

    /**
     * Creates a new run directory. It must not exist, or be empty.
     *
     * @param root the folder
     * @return the run directory
     * @throws IOException with a one-line message naming the folder if it holds files or cannot be
     *     created or written
     */
    public static RunDirectory create(Path root) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException("output " + root
                    + ": exists and is not a folder; choose a new --output folder");
        }
        if (Files.isDirectory(root)) {
            try (Stream<Path> entries = Files.list(root)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("output " + root
                            + ": folder is not empty; choose a new --output folder");
                }
            }
        }
        try {
            Files.createDirectories(root.resolve("checkpoints"));
            Path probe = Files.createTempFile(root, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (AccessDeniedException e) {
            throw new IOException("output " + root
                    + ": permission denied; choose a writable --output folder");
        } catch (FileSystemException e) {
            throw new IOException("output " + root + ": cannot create or write ("
                    + (e.getReason() == null ? e.getMessage() : e.getReason())
                    + "); choose another --output folder");
        }
        return new RunDirectory(root);
    }

    /**
     * An existing run directory, to continue writing into it (a resume).
     *
     * @param root the folder
     * @return the run directory
     * @throws IOException if it is not a folder
     */
    public static RunDirectory open(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("run directory " + root + ": no such folder");
        }
        Files.createDirectories(root.resolve("checkpoints"));
        return new RunDirectory(root);
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /** A file in the folder. */
    public Path file(String name) {
        return root.resolve(name);
    }

    /** The checkpoint folder. */
    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    /**
     * Writes the manifest, atomically.
     *
     * @param manifest the manifest
     * @throws IOException if writing fails
     */
    public void writeManifest(RunManifest manifest) throws IOException {
        ResultFiles.writeJson(file("manifest.json"), manifest);
    }

    /**
     * A run's manifest.
     *
     * @param root the run directory
     * @return the manifest
     * @throws IOException naming the folder if the manifest cannot be read
     */
    public static RunManifest readManifest(Path root) throws IOException {
        try {
            return ResultFiles.readJson(root.resolve("manifest.json"), RunManifest.class);
        } catch (IOException e) {
            throw new IOException("run directory " + root + ": manifest.json cannot be read: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * Whether a run's manifest says it finished.
     *
     * @param root the run directory
     * @return true for status finished
     * @throws IOException if the manifest cannot be read
     */
    public static boolean isFinished(Path root) throws IOException {
        return "finished".equals(readManifest(root).status());
    }

    /**
     * The most recently modified run directory (one with a manifest) in a folder that no process
     * is training in now.
     *
     * @param runs the folder of runs, e.g. {@code runs}
     * @return the run directory
     * @throws IOException naming the folder if it holds no such run
     */
    public static Path latest(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            throw new IOException("--resume: no run directory given and no " + runs
                    + " folder here; name the run directory");
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("manifest.json")))
                    .filter(d -> !RunLock.isLocked(d))
                    .max(Comparator.comparing(d -> lastModified(d.resolve("manifest.json"))))
                    .orElseThrow(() -> new IOException("--resume: no run directory in " + runs
                            + " that no other dropclass process is training in; name the run"
                            + " directory"));
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
