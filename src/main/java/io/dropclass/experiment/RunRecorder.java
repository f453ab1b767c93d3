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
import io.dropclass.training.PolyLearningRate;
import io.dropclass.training.Sgd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Records a training run into its directory: every step and validation in the history (written
 * with each training-state checkpoint, which the trainer takes at every validation and every
 * {@code checkpoint_interval}; a resume reads it up to the checkpoint's iteration), the {@code last} weights after every validation and the {@code best} ones (highest
 * mIoU, absent classes skipped) whenever they improve, and a full training-state checkpoint ({@link
 * StateCheckpoints}) whenever the trainer asks, keeping the newest {@code keep} and the best one.
 */
final class RunRecorder implements TrainingListener {

    private final RunDirectory run;
    private final SegmentationNetwork network;
    private final ClassCatalog classes;
    private final Set<Integer> rareClasses;
    private final TrainingProgress progress;
    private final Checkpointing checkpointing;
    private TrainingHistory history = new TrainingHistory();
    private double bestMeanIou = Double.NEGATIVE_INFINITY;
    private int bestIteration = -1;
    private SegmentationEvaluation latest;
    private Path lastCheckpoint;

    /**
     * What a training-state checkpoint needs beyond the network.
     *
     * @param store the run's checkpoints
     * @param sgd the optimizer (momentum buffers)
     * @param keep how many checkpoints to keep
     * @param seed {@code runtime.seed}
     * @param configHash SHA-256 of config.json
     * @param samplerSeed the class-drop sampler's seed
     * @param learningRate the schedule (the rate of the next step is recorded)
     */
    record Checkpointing(
            StateCheckpoints store,
            Sgd sgd,
            int keep,
            long seed,
            String configHash,
            long samplerSeed,
            PolyLearningRate learningRate) {}

    RunRecorder(
            RunDirectory run,
            SegmentationNetwork network,
            ClassCatalog classes,
            Set<Integer> rareClasses,
            TrainingProgress progress,
            Checkpointing checkpointing) {
        this.run = run;
        this.network = network;
        this.classes = classes;
        this.rareClasses = Set.copyOf(rareClasses);
        this.progress = progress;
        this.checkpointing = checkpointing;
    }

    /**
     * Continues a run from a checkpoint: the best figures come from the checkpoint, the history
     * from the run's files up to the checkpoint's iteration.
     *
     * @param state the checkpoint's state
     * @param file the checkpoint
     * @param restored the history up to the checkpoint
     */
    void resumeFrom(TrainingState state, Path file, TrainingHistory restored) {
        bestMeanIou = state.bestMeanIou();
        bestIteration = state.bestIteration();
        history = restored;
        lastCheckpoint = file;
    }

    @Override
    public void onCheckpoint(int iteration, int epoch, int skippedSteps) throws IOException {
        TrainingState state = new TrainingState(iteration, epoch, checkpointing.seed(),
                checkpointing.configHash(), bestMeanIou, bestIteration, skippedSteps,
                checkpointing.learningRate().at(iteration));
        // the history first: a resume reads it up to the checkpoint's iteration
        history.write(run.root(), classes.classes().stream().map(c -> c.name()).toList());
        lastCheckpoint = checkpointing.store().write(network, checkpointing.sgd(), state,
                checkpointing.samplerSeed());
        // only now that the new one is durable do older ones go
        checkpointing.store().prune(checkpointing.keep(), bestIteration);
    }

    @Override
    public void onSkipped(int iteration, String term, double value, int skippedSteps) {
        progress.message(String.format(Locale.ROOT,
                "warning: iteration %d: loss term '%s' is %s; step skipped (update not applied,"
                        + " BatchNorm statistics restored), %d skipped so far",
                iteration, term, value, skippedSteps));
    }

    /**
     * The newest training-state checkpoint written or resumed from, relative to the run directory.
     *
     * @return the path, or null before the first
     */
    Path lastCheckpoint() {
        return lastCheckpoint == null ? null : run.root().relativize(lastCheckpoint);
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
        // the history is written by onCheckpoint, which the trainer calls after every validation
        Map<String, String> meta = new LinkedHashMap<>(); // a fixed order: same bytes every run
        meta.put("iteration", Integer.toString(iteration));
        meta.put("miou", Double.toString(evaluation.meanIou()));
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
