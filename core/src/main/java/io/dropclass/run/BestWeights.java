package io.dropclass.run;

import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.model.weights.StateDict;
import io.dropclass.training.TrainingListener;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The weights a run reports: {@code checkpoints/last.safetensors} after every validation and
 * {@code checkpoints/best.safetensors} whenever the validation mIoU (absent classes skipped)
 * improves.
 */
public final class BestWeights implements TrainingListener {

    private final RunDirectory run;
    private final SegmentationNetwork network;
    private double bestMeanIou = Double.NEGATIVE_INFINITY;
    private int bestIteration = -1;
    private boolean improved;
    private SegmentationEvaluation latest;

    /**
     * Creates the listener.
     *
     * @param run the run directory
     * @param network the network whose weights are saved
     */
    public BestWeights(RunDirectory run, SegmentationNetwork network) {
        this.run = Objects.requireNonNull(run, "run");
        this.network = Objects.requireNonNull(network, "network");
    }

    /**
     * Continues from a checkpoint's best figures.
     *
     * @param state the checkpoint's state
     */
    public void resumeFrom(TrainingState state) {
        bestMeanIou = state.bestMeanIou();
        bestIteration = state.bestIteration();
    }

    @Override
    public void onValidation(int iteration, SegmentationEvaluation evaluation) throws IOException {
        latest = evaluation;
        Map<String, String> meta = new LinkedHashMap<>(); // a fixed order: same bytes every run
        meta.put("iteration", Integer.toString(iteration));
        meta.put("miou", Double.toString(evaluation.meanIou()));
        StateDict.save(network, run.checkpoints().resolve("last.safetensors"), meta);
        improved = evaluation.meanIou() > bestMeanIou;
        if (improved) {
            bestMeanIou = evaluation.meanIou();
            bestIteration = iteration;
            StateDict.save(network, run.checkpoints().resolve("best.safetensors"), meta);
        }
    }

    /**
     * The highest validation mIoU so far.
     *
     * @return the mIoU, −∞ before the first validation
     */
    public double bestMeanIou() {
        return bestMeanIou;
    }

    /**
     * The iteration of the best validation.
     *
     * @return the iteration, −1 before the first validation
     */
    public int bestIteration() {
        return bestIteration;
    }

    /**
     * Whether the latest validation was the best so far.
     *
     * @return true if it improved on every earlier one
     */
    public boolean improved() {
        return improved;
    }

    /**
     * The most recent validation of this process.
     *
     * @return the evaluation, or null before the first
     */
    public SegmentationEvaluation latest() {
        return latest;
    }
}
