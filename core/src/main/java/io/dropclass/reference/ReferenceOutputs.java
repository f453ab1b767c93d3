package io.dropclass.reference;

import io.dropclass.model.weights.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Writes what a check computed, under the expected entries' names and shapes, to {@code
 * OUT_DIR/<case name>/actual.safetensors}, so that it can be compared with {@code
 * expected.safetensors} by any safetensors reader.
 */
public final class ReferenceOutputs {

    /** The file name of the computed entries. */
    public static final String ACTUAL_FILE = "actual.safetensors";

    private ReferenceOutputs() {}

    /**
     * The file of a mode's entries: {@link #ACTUAL_FILE} for float32 contiguous (the reference's
     * own mode), {@code actual_<type>_<layout>.safetensors} for the others.
     *
     * @param mode the mode's label, e.g. {@code float64 channels_last}
     * @return the file name
     */
    static String fileName(String mode) {
        if (mode.equals(ReferenceMode.of(ai.djl.ndarray.types.DataType.FLOAT32, false).label())) {
            return ACTUAL_FILE;
        }
        return "actual_" + mode.replace(' ', '_') + ".safetensors";
    }

    /**
     * Writes the computed entries of a result.
     *
     * @param outDir the output folder (created if needed)
     * @param result the result of {@link ReferenceCheck#run}
     * @return the file written, or empty when nothing was computed (an unsupported model or weights
     *     that did not load)
     * @throws IOException if the file cannot be written
     */
    public static Optional<Path> writeActual(Path outDir, ReferenceResult result)
            throws IOException {
        if (result.actual().isEmpty()) {
            return Optional.empty();
        }
        Path dir = outDir.resolve(result.caseName());
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName(result.mode()));
        SafeTensors.writeTensors(
                file,
                result.actual(),
                Map.of(
                        "case", result.caseName(),
                        "model", result.model(),
                        "mode", result.mode(),
                        "verdict", result.verdict().name()));
        return Optional.of(file);
    }
}
