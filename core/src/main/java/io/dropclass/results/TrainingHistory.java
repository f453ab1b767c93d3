package io.dropclass.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The metrics history of a run: training steps and validations, written as
 * {@code history.csv} (one row per step), {@code validation.csv} (one row per validation,
 * per-class IoU columns) and {@code history.json} (both).
 */
public final class TrainingHistory {

    /** Both lists, as written to history.json. */
    public record Snapshot(List<IterationRecord> train, List<ValidationRecord> validation) {}

    private final List<IterationRecord> train = new ArrayList<>();
    private final List<ValidationRecord> validation = new ArrayList<>();

    /**
     * Reads the history a run wrote ({@code history.json}), keeping only what happened up to an
     * iteration: a resumed run continues from its checkpoint, and the steps and validations after
     * it are done again.
     *
     * @param dir the run directory
     * @param upTo the last iteration to keep
     * @return the history; empty if the run has none yet
     * @throws IOException if the file exists but cannot be read
     */
    public static TrainingHistory read(Path dir, int upTo) throws IOException {
        TrainingHistory history = new TrainingHistory();
        Path file = dir.resolve("history.json");
        if (!java.nio.file.Files.isRegularFile(file)) {
            return history;
        }
        Snapshot snapshot = ResultFiles.readJson(file, Snapshot.class);
        if (snapshot.train() != null) {
            snapshot.train().stream().filter(r -> r.iteration() <= upTo).forEach(history::add);
        }
        if (snapshot.validation() != null) {
            snapshot.validation().stream().filter(r -> r.iteration() <= upTo)
                    .forEach(history::add);
        }
        return history;
    }

    /** Adds a logged step. */
    public void add(IterationRecord record) {
        train.add(record);
    }

    /** Adds a validation. */
    public void add(ValidationRecord record) {
        validation.add(record);
    }

    /** A copy of the current content. */
    public Snapshot snapshot() {
        return new Snapshot(List.copyOf(train), List.copyOf(validation));
    }

    /**
     * Writes the three files into a folder, each atomically.
     *
     * @param dir the run directory
     * @param classNames class names for the per-class columns
     * @throws IOException if writing fails
     */
    public void write(Path dir, List<String> classNames) throws IOException {
        AtomicFiles.writeString(dir.resolve("history.csv"), trainCsv());
        AtomicFiles.writeString(dir.resolve("validation.csv"), validationCsv(classNames));
        ResultFiles.writeJson(dir.resolve("history.json"), snapshot());
    }

    private String trainCsv() {
        TreeSet<String> terms = new TreeSet<>();
        train.forEach(r -> terms.addAll(r.losses().keySet()));
        StringBuilder csv = new StringBuilder("iteration,epoch,lr");
        terms.forEach(t -> csv.append(',').append(t));
        csv.append(",images_per_second,elapsed_seconds\n");
        for (IterationRecord r : train) {
            csv.append(r.iteration()).append(',').append(r.epoch()).append(',')
                    .append(number(r.lr()));
            for (String t : terms) {
                Double v = r.losses().get(t);
                csv.append(',').append(v == null ? "" : number(v));
            }
            csv.append(',').append(number(r.imagesPerSecond())).append(',')
                    .append(number(r.elapsedSeconds())).append('\n');
        }
        return csv.toString();
    }

    private String validationCsv(List<String> classNames) {
        StringBuilder csv = new StringBuilder(
                "iteration,miou,miou_absent_as_zero,rare_miou,pixel_accuracy,mean_class_accuracy");
        classNames.forEach(n -> csv.append(",iou_").append(n.replace(' ', '_')));
        csv.append('\n');
        for (ValidationRecord r : validation) {
            csv.append(r.iteration()).append(',').append(number(r.meanIou())).append(',')
                    .append(number(r.meanIouAbsentAsZero())).append(',')
                    .append(number(r.rareMeanIou())).append(',')
                    .append(number(r.pixelAccuracy())).append(',')
                    .append(number(r.meanClassAccuracy()));
            r.classIou().forEach(v -> csv.append(',').append(number(v)));
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v);
    }
}
