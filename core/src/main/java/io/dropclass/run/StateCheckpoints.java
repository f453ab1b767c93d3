package io.dropclass.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.StateDict;
import io.dropclass.model.weights.TensorData;
import io.dropclass.results.AtomicFiles;
import io.dropclass.training.Sgd;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The full training-state checkpoints of a run, {@code checkpoints/iter_NNNNNN.safetensors}: one
 * file per saved iteration holding every parameter and BatchNorm buffer under its official name,
 * every momentum buffer as {@code optimizer.momentum.<parameter name>}, and the {@link
 * TrainingState} plus a CRC-32 of all tensor bytes in the safetensors metadata.
 *
 * <p>One file is one atomic rename ({@link AtomicFiles}: temporary file, fsync, rename, folder
 * sync), so the network and the optimizer can never be saved out of step, and a crash leaves the
 * previous checkpoints as they were. Older checkpoints are deleted only after the new one is
 * durable; the checkpoint of the best validation is never deleted, so the best state can be
 * resumed too.
 */
public final class StateCheckpoints {

    /** Name prefix of a momentum buffer. */
    public static final String MOMENTUM_PREFIX = StateDict.MOMENTUM_PREFIX;

    private static final Pattern NAME = Pattern.compile("iter_(\\d{6,})\\.safetensors");
    private static final Pattern TEMPORARY =
            Pattern.compile("\\.iter_\\d{6,}\\.safetensors\\..*\\.tmp");

    /**
     * A checkpoint read back and verified.
     *
     * @param file the file
     * @param state its training state
     * @param tensors every tensor, by name
     */
    public record Loaded(Path file, TrainingState state, Map<String, TensorData> tensors) {}

    private final Path dir;
    /** Wraps the stream of every write; a test hook to make a write fail midway. */
    UnaryOperator<OutputStream> outputFilter = UnaryOperator.identity();

    /**
     * The checkpoints in a folder.
     *
     * @param dir the run's {@code checkpoints/} folder
     */
    public StateCheckpoints(Path dir) {
        this.dir = dir;
    }

    /**
     * The file name of an iteration's checkpoint.
     *
     * @param iteration steps done
     * @return {@code iter_NNNNNN.safetensors}
     */
    public static String fileName(int iteration) {
        return String.format(java.util.Locale.ROOT, "iter_%06d.safetensors", iteration);
    }

    /**
     * Writes the checkpoint of the state's iteration (replacing one of the same iteration).
     *
     * @param network the network
     * @param sgd its optimizer
     * @param state the scalar state
     * @param samplerSeed the class-drop sampler's seed (recorded)
     * @return the file
     * @throws IOException if it cannot be written; earlier checkpoints are then untouched
     */
    public Path write(SegmentationNetwork network, Sgd sgd, TrainingState state, long samplerSeed)
            throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        List<String> trainable = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : network.namedParameters().entrySet()) {
            tensors.put(e.getKey(), TensorData.of(e.getValue().getArray()));
            if (e.getValue().requiresGradient()) {
                trainable.add(e.getKey());
            }
        }
        List<NDArray> momentum = sgd.momentumBuffers();
        if (momentum.size() != trainable.size()) {
            throw new IllegalStateException("the optimizer holds " + momentum.size()
                    + " parameters, the network " + trainable.size());
        }
        for (int i = 0; i < trainable.size(); i++) {
            if (momentum.get(i) != null) {
                tensors.put(MOMENTUM_PREFIX + trainable.get(i), TensorData.of(momentum.get(i)));
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>(state.toMetadata(samplerSeed));
        metadata.put("data_crc32", Long.toString(crc(tensors)));
        Path target = dir.resolve(fileName(state.iteration()));
        AtomicFiles.write(target, out -> SafeTensors.writeTo(outputFilter.apply(out), tensors,
                metadata));
        return target;
    }

    /** CRC-32 of every tensor's bytes, in name order (independent of the header's order). */
    private static long crc(Map<String, TensorData> tensors) {
        CRC32 crc = new CRC32();
        for (TensorData t : new TreeMap<>(tensors).values()) {
            crc.update(t.data().duplicate());
        }
        return crc.getValue();
    }

    /**
     * The checkpoint files, oldest iteration first (temporary files are not listed).
     *
     * @return the files
     * @throws IOException if the folder cannot be listed
     */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(StateCheckpoints::iterationOf))
                    .toList();
        }
    }

    /**
     * The iteration in a checkpoint's name.
     *
     * @param file a checkpoint file
     * @return its iteration
     */
    public static int iterationOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file + ": not a checkpoint name");
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * Reads a checkpoint and verifies it: valid safetensors, a training state of this format, the
     * iteration of its name, the CRC of its tensor bytes.
     *
     * @param file the file
     * @return the checkpoint
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if it is not intact
     */
    public Loaded read(Path file) throws IOException {
        Map<String, String> metadata = SafeTensors.readHeader(file).metadata();
        TrainingState state = TrainingState.fromMetadata(metadata, file.toString());
        Map<String, TensorData> tensors = SafeTensors.readTensors(file);
        String expected = metadata.get("data_crc32");
        if (expected == null || !expected.equals(Long.toString(crc(tensors)))) {
            throw new IllegalArgumentException(file + ": tensor data does not match its CRC-32");
        }
        if (state.iteration() != iterationOf(file)) {
            throw new IllegalArgumentException(file + ": holds iteration " + state.iteration());
        }
        return new Loaded(file, state, tensors);
    }

    /**
     * The newest checkpoint that reads back intact; newer ones that do not are reported and
     * skipped.
     *
     * @param warn receives one line per skipped checkpoint
     * @return the checkpoint, or empty if there is none intact
     * @throws IOException if the folder cannot be listed
     */
    public Optional<Loaded> newestIntact(Consumer<String> warn) throws IOException {
        List<Path> files = new ArrayList<>(list());
        for (int i = files.size() - 1; i >= 0; i--) {
            Path file = files.get(i);
            try {
                return Optional.of(read(file));
            } catch (IOException | IllegalArgumentException e) {
                warn.accept("warning: checkpoint " + file.getFileName() + " is corrupt ("
                        + e.getMessage() + ")"
                        + (i > 0 ? "; falling back to " + files.get(i - 1).getFileName() : ""));
            }
        }
        return Optional.empty();
    }

    /**
     * Loads a checkpoint into a network and its optimizer: every parameter and buffer (strict: all
     * present, shapes equal) and every momentum buffer.
     *
     * @param loaded the checkpoint
     * @param network the network, initialised
     * @param sgd its optimizer
     * @param manager the manager of temporary arrays
     * @throws IllegalArgumentException if the checkpoint does not fit the network
     */
    public static void restore(Loaded loaded, SegmentationNetwork network, Sgd sgd,
            NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> weights = new LinkedHashMap<>();
            Map<String, NDArray> momentum = new HashMap<>();
            for (Map.Entry<String, TensorData> e : loaded.tensors().entrySet()) {
                NDArray array = e.getValue().toNDArray(scratch);
                if (e.getKey().startsWith(MOMENTUM_PREFIX)) {
                    momentum.put(e.getKey().substring(MOMENTUM_PREFIX.length()), array);
                } else {
                    weights.put(e.getKey(), array);
                }
            }
            try {
                StateDict.load(network, weights, true, manager);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(loaded.file() + ": " + e.getMessage(), e);
            }
            List<NDArray> buffers = new ArrayList<>();
            for (Map.Entry<String, Parameter> e : network.namedParameters().entrySet()) {
                if (e.getValue().requiresGradient()) {
                    buffers.add(momentum.remove(e.getKey()));
                }
            }
            if (!momentum.isEmpty()) {
                throw new IllegalArgumentException(loaded.file() + ": momentum buffers of unknown "
                        + "parameters, e.g. " + momentum.keySet().iterator().next());
            }
            sgd.restoreMomentumBuffers(buffers);
        }
    }

    /**
     * Deletes all but the newest {@code keep} checkpoints, never the one of {@code protect}.
     * Called after a new checkpoint is durable.
     *
     * @param keep how many to keep, at least 1
     * @param protect the iteration whose checkpoint stays (the best validation), or −1
     * @return the deleted files
     * @throws IOException if a file cannot be deleted
     */
    public List<Path> prune(int keep, int protect) throws IOException {
        List<Path> files = list();
        List<Path> deleted = new ArrayList<>();
        for (int i = 0; i < files.size() - keep; i++) {
            Path file = files.get(i);
            if (iterationOf(file) != protect) {
                Files.deleteIfExists(file);
                deleted.add(file);
            }
        }
        return deleted;
    }

    /**
     * A folder, inside the checkpoints folder, that does not exist yet, for the branch abandoned
     * by a resume from an iteration: {@code abandoned-<iteration>}, or {@code
     * abandoned-<iteration>-2}, {@code -3}, ... when earlier resumes from that iteration left one.
     *
     * @param iteration the iteration resumed from
     * @return the folder (not created)
     */
    public Path freshAbandonedFolder(int iteration) {
        Path folder = dir.resolve("abandoned-" + iteration);
        for (int n = 2; Files.exists(folder); n++) {
            folder = dir.resolve("abandoned-" + iteration + "-" + n);
        }
        return folder;
    }

    /**
     * The checkpoints after an iteration: the branch a resume from that iteration abandons.
     *
     * @param iteration the iteration resumed from
     * @return the files, oldest first
     * @throws IOException if the folder cannot be listed
     */
    public List<Path> after(int iteration) throws IOException {
        return list().stream().filter(f -> iterationOf(f) > iteration).toList();
    }

    /**
     * Moves files aside into a folder (a run resumed from an older checkpoint must not later
     * resume from, or report, the abandoned branch). Never overwrites: the folder is new.
     *
     * @param files the files to move; missing ones are skipped
     * @param folder the folder, from {@link #freshAbandonedFolder}
     * @return the moved files' new paths
     * @throws IOException if a file cannot be moved
     */
    public static List<Path> moveInto(List<Path> files, Path folder) throws IOException {
        List<Path> moved = new ArrayList<>();
        for (Path file : files) {
            if (Files.exists(file)) {
                Files.createDirectories(folder);
                moved.add(Files.move(file, folder.resolve(file.getFileName())));
            }
        }
        return moved;
    }

    /**
     * Writes the weights of a checkpoint (parameters and buffers, no momentum) as a plain weights
     * file, e.g. {@code best.safetensors} restored from the best iteration's checkpoint.
     *
     * @param loaded the checkpoint
     * @param target the weights file
     * @param metadata its metadata
     * @throws IOException if it cannot be written
     */
    public static void writeWeights(Loaded loaded, Path target, Map<String, String> metadata)
            throws IOException {
        Map<String, TensorData> weights = new LinkedHashMap<>();
        loaded.tensors().forEach((name, tensor) -> {
            if (!name.startsWith(MOMENTUM_PREFIX)) {
                weights.put(name, tensor);
            }
        });
        AtomicFiles.write(target, out -> SafeTensors.writeTo(out, weights, metadata));
    }

    /**
     * Deletes temporary files that a killed writer left behind.
     *
     * @return how many were deleted
     * @throws IOException if the folder cannot be listed or a file deleted
     */
    public int deleteTemporaries() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int count = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (TEMPORARY.matcher(f.getFileName().toString()).matches()) {
                    Files.deleteIfExists(f);
                    count++;
                }
            }
        }
        return count;
    }
}
