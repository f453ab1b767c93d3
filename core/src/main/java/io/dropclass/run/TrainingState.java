package io.dropclass.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scalar part of a training-state checkpoint: where the run is and what it has found so far.
 * The tensors (parameters, BatchNorm buffers, momentum buffers) travel beside it in the same file.
 *
 * <p>No random generator state is saved because none is needed: the data order of epoch e, the
 * augmentation of slot s of iteration i, the class-drop decision of iteration i and the dropout
 * mask of forward n are pure functions of the run's seed and those positions; the metadata names
 * these seeds ({@code rng}) so a reader can check them.
 *
 * @param iteration steps done
 * @param epoch the epoch of the last step
 * @param seed {@code runtime.seed}
 * @param configHash SHA-256 of the run's resolved configuration (config.json, optimizer.lr
 *     excluded: a resume may change it)
 * @param bestMeanIou the best validation mIoU so far (−∞ before the first validation)
 * @param bestIteration its iteration (−1 before the first validation)
 * @param skippedSteps steps skipped because of a non-finite loss
 * @param learningRate the learning rate of the next step
 */
public record TrainingState(
        int iteration,
        int epoch,
        long seed,
        String configHash,
        double bestMeanIou,
        int bestIteration,
        int skippedSteps,
        double learningRate) {

    /** The format of the metadata; a reader refuses other versions. */
    public static final String FORMAT = "dropclass-training-state";

    /** The version of the format. */
    public static final int VERSION = 1;

    /**
     * The safetensors {@code __metadata__} entries (strings; doubles in Java's round-trip form).
     *
     * @param samplerSeed the class-drop sampler's seed
     * @return the entries
     */
    public Map<String, String> toMetadata(long samplerSeed) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", Integer.toString(VERSION));
        m.put("iteration", Integer.toString(iteration));
        m.put("epoch", Integer.toString(epoch));
        m.put("seed", Long.toString(seed));
        m.put("config_sha256", configHash);
        m.put("best_miou", Double.toString(bestMeanIou));
        m.put("best_iteration", Integer.toString(bestIteration));
        m.put("skipped_steps", Integer.toString(skippedSteps));
        m.put("lr_schedule_position", Integer.toString(iteration));
        m.put("lr_next", Double.toString(learningRate));
        m.put("rng", "{\"data_order\":\"epoch e from mix(seed, -1-e, 0)\","
                + "\"augmentation\":\"iteration i, slot s from mix(seed, i, s)\","
                + "\"class_drop\":{\"seed\":" + samplerSeed + ",\"next_iteration\":" + iteration
                + "},\"dropout\":{\"seed\":" + seed + ",\"next_forward\":" + iteration + "}}");
        return m;
    }

    /**
     * Reads the entries written by {@link #toMetadata}.
     *
     * @param m the metadata
     * @param source the file, for messages
     * @return the state
     * @throws IllegalArgumentException if an entry is missing or malformed, or the format differs
     */
    public static TrainingState fromMetadata(Map<String, String> m, String source) {
        if (!FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException(source + ": not a training-state checkpoint");
        }
        if (!Integer.toString(VERSION).equals(m.get("format_version"))) {
            throw new IllegalArgumentException(source + ": training-state format version "
                    + m.get("format_version") + ", this build reads " + VERSION);
        }
        try {
            return new TrainingState(
                    Integer.parseInt(entry(m, "iteration", source)),
                    Integer.parseInt(entry(m, "epoch", source)),
                    Long.parseLong(entry(m, "seed", source)),
                    entry(m, "config_sha256", source),
                    Double.parseDouble(entry(m, "best_miou", source)),
                    Integer.parseInt(entry(m, "best_iteration", source)),
                    Integer.parseInt(entry(m, "skipped_steps", source)),
                    Double.parseDouble(entry(m, "lr_next", source)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": malformed metadata: " + e.getMessage(),
                    e);
        }
    }

    private static String entry(Map<String, String> m, String key, String source) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(source + ": metadata entry '" + key
                    + "' is missing");
        }
        return v;
    }
}
