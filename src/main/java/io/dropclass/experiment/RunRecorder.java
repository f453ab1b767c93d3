package io.dropclass.experiment;

import io.dropclass.data.ClassCatalog;
import io.dropclass.evaluation.AbsentClassPolicy;
import io.dropclass.evaluation.ClassScore;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.results.IterationRecord;
import io.dropclass.results.TrainingHistory;
import io.dropclass.results.ValidationRecord;
import io.dropclass.model.weights.StateDict;
import io.dropclass.training.TrainingListener;
import io.dropclass.training.TrainingProgress;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Records a training run into its directory: every step in the history (written at each
 * validation),
 * the {@code last} checkpoint after every validation and the {@code best} one (highest mIoU, absent
 * classes skipped) whenever it improves.
 */
final class RunRecorder implements TrainingListener {

    private final RunDirectory run;
    private final SegmentationNetwork network;
    private final ClassCatalog classes;
    private final Set<Integer> rareClasses;
    private final TrainingProgress progress;
    private final TrainingHistory history = new TrainingHistory();
    private double bestMeanIou = Double.NEGATIVE_INFINITY;
    private int bestIteration = -1;
    private SegmentationEvaluation latest;

    RunRecorder(
            RunDirectory run,
            SegmentationNetwork network,
            ClassCatalog classes,
            Set<Integer> rareClasses,
            TrainingProgress progress) {
        this.run = run;
        this.network = network;
        this.classes = classes;
        this.rareClasses = Set.copyOf(rareClasses);
        this.progress = progress;
    }

    @Override
    public void onIteration(IterationRecord record, boolean logged) {
        progress.show(record, logged);
        history.add(record); // every step: DropClass's dropped class and flag vary per step
    }

    @Override
    public void onValidation(int iteration, SegmentationEvaluation evaluation) throws IOException {
        latest = evaluation;
        double rare = evaluation.meanIou(rareClasses, AbsentClassPolicy.PRESENT);
        List<Double> ious = evaluation.classes().stream().map(ClassScore::iou).toList();
        history.add(new ValidationRecord(iteration, evaluation.meanIou(),
                evaluation.meanIouAbsentAsZero(), rare, evaluation.pixelAccuracy(),
                evaluation.meanClassAccuracy(), ious));
        history.write(run.root(), classes.classes().stream().map(c -> c.name()).toList());
        Map<String, String> meta = Map.of("iteration", Integer.toString(iteration),
                "miou", Double.toString(evaluation.meanIou()));
        StateDict.save(network, run.checkpoints().resolve("last.safetensors"), meta);
        boolean improved = evaluation.meanIou() > bestMeanIou;
        if (improved) {
            bestMeanIou = evaluation.meanIou();
            bestIteration = iteration;
            StateDict.save(network, run.checkpoints().resolve("best.safetensors"), meta);
        }
        progress.message(String.format(Locale.ROOT,
                "validation @ %d: mIoU %.2f %%  rare-class mIoU %.2f %%  pixel acc %.2f %%%s",
                iteration, 100 * evaluation.meanIou(), 100 * rare,
                100 * evaluation.pixelAccuracy(), improved ? "  (best so far)" : ""));
    }

    /** The highest validation mIoU so far. */
    double bestMeanIou() {
        return bestMeanIou;
    }

    /** The iteration of the best validation. */
    int bestIteration() {
        return bestIteration;
    }

    /** The most recent validation, null before the first. */
    SegmentationEvaluation latest() {
        return latest;
    }
}
