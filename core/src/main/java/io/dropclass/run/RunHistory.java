package io.dropclass.run;

import io.dropclass.evaluation.AbsentClassPolicy;
import io.dropclass.evaluation.ClassScore;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.results.IterationRecord;
import io.dropclass.results.TrainingHistory;
import io.dropclass.results.ValidationRecord;
import io.dropclass.training.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The history of a run: every step and every validation, written to {@code history.csv}, {@code
 * validation.csv} and {@code history.json} whenever a training-state checkpoint is taken (a resume
 * reads it up to the checkpoint's iteration).
 */
public final class RunHistory implements TrainingListener {

    private final Path root;
    private final List<String> classNames;
    private final Set<Integer> rareClasses;
    private TrainingHistory history = new TrainingHistory();

    /**
     * Creates the history of a run.
     *
     * @param root the run directory
     * @param classNames the class names, for the per-class columns
     * @param rareClasses the classes under 1 % of the training pixels
     */
    public RunHistory(Path root, List<String> classNames, Set<Integer> rareClasses) {
        this.root = Objects.requireNonNull(root, "root");
        this.classNames = List.copyOf(classNames);
        this.rareClasses = Set.copyOf(rareClasses);
    }

    /**
     * Continues from the history of a resumed run, up to its checkpoint.
     *
     * @param iteration the checkpoint's iteration
     * @throws IOException if the run's history cannot be read
     */
    public void resumeAt(int iteration) throws IOException {
        history = TrainingHistory.read(root, iteration);
    }

    /**
     * Writes the history files, each atomically.
     *
     * @throws IOException if writing fails
     */
    public void write() throws IOException {
        history.write(root, classNames);
    }

    @Override
    public void onIteration(IterationRecord record, boolean logged) {
        history.add(record); // every step: DropClass's dropped class and flag vary per step
    }

    @Override
    public void onValidation(int iteration, SegmentationEvaluation evaluation) {
        double rare = evaluation.meanIou(rareClasses, AbsentClassPolicy.PRESENT);
        List<Double> ious = evaluation.classes().stream().map(ClassScore::iou).toList();
        history.add(new ValidationRecord(iteration, evaluation.meanIou(),
                evaluation.meanIouAbsentAsZero(), rare, evaluation.pixelAccuracy(),
                evaluation.meanClassAccuracy(), ious));
    }
}
