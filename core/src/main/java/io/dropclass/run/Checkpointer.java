package io.dropclass.run;

import io.dropclass.model.SegmentationNetwork;
import io.dropclass.training.PolyLearningRate;
import io.dropclass.training.Sgd;
import io.dropclass.training.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Takes the run's training-state checkpoints ({@link StateCheckpoints}) whenever the trainer asks:
 * the history first (a resume reads it up to the checkpoint's iteration), then the checkpoint, then
 * the pruning of older ones, which go only once the new one is durable; the newest {@code keep} and
 * the best one stay.
 */
public final class Checkpointer implements TrainingListener {

    /**
     * What a training-state checkpoint records beyond the network.
     *
     * @param sgd the optimizer (momentum buffers)
     * @param keep how many checkpoints to keep
     * @param seed the run's seed
     * @param configHash SHA-256 of config.json
     * @param samplerSeed the class-drop sampler's seed
     * @param learningRate the schedule (the rate of the next step is recorded)
     */
    public record Contents(
            Sgd sgd,
            int keep,
            long seed,
            String configHash,
            long samplerSeed,
            PolyLearningRate learningRate) {}

    private final RunDirectory run;
    private final StateCheckpoints store;
    private final SegmentationNetwork network;
    private final Contents contents;
    private final RunHistory history;
    private final BestWeights best;
    private Path lastCheckpoint;

    /**
     * Creates the listener.
     *
     * @param run the run directory
     * @param network the network
     * @param contents optimizer, seeds, hash and schedule
     * @param history the history written with every checkpoint
     * @param best the best figures recorded in every checkpoint
     */
    public Checkpointer(RunDirectory run, SegmentationNetwork network, Contents contents,
            RunHistory history, BestWeights best) {
        this.run = Objects.requireNonNull(run, "run");
        this.store = new StateCheckpoints(run.checkpoints());
        this.network = Objects.requireNonNull(network, "network");
        this.contents = Objects.requireNonNull(contents, "contents");
        this.history = Objects.requireNonNull(history, "history");
        this.best = Objects.requireNonNull(best, "best");
    }

    /**
     * Continues after a checkpoint that a resume started from.
     *
     * @param file the checkpoint
     */
    public void resumedFrom(Path file) {
        lastCheckpoint = file;
    }

    @Override
    public void onCheckpoint(int iteration, int epoch, int skippedSteps) throws IOException {
        TrainingState state = new TrainingState(iteration, epoch, contents.seed(),
                contents.configHash(), best.bestMeanIou(), best.bestIteration(), skippedSteps,
                contents.learningRate().at(iteration));
        history.write();
        lastCheckpoint = store.write(network, contents.sgd(), state, contents.samplerSeed());
        store.prune(contents.keep(), best.bestIteration());
    }

    /**
     * The newest training-state checkpoint written or resumed from, relative to the run directory.
     *
     * @return the path, or null before the first
     */
    public Path lastCheckpoint() {
        return lastCheckpoint == null ? null : run.root().relativize(lastCheckpoint);
    }
}
