package io.dropclass.experiment;

import ai.djl.ndarray.NDManager;

import io.dropclass.config.ExperimentConfig;
import io.dropclass.config.OptimizerConfig;
import io.dropclass.config.TrainConfig;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.training.PolyLearningRate;
import io.dropclass.training.SegmentationTrainer;
import io.dropclass.training.Sgd;
import io.dropclass.training.TrainingObjective;
import io.dropclass.training.TrainingStep;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a run steps with, built here once from the configuration and an initialised network:
 *
 * <pre>
 *   objective      the method's loss (DropClass: its λ schedule and class-drop sampler)
 *   sgd            PyTorch's SGD rule over the network's trainable arrays
 *   learningRate   poly over train.iterations
 *   step           one optimizer step of the objective and SGD, in the network's tensor format
 *                  (element type, layout), with the configured non-finite policy
 * </pre>
 *
 * <p>{@code train}, {@code bench} and {@code check-reference} all build their step here, so the
 * benchmark times and the reference check vouches for the step that training runs. What differs is
 * named at the call: the class-drop draw (seeded for training, forced for the benchmark's worst
 * case and for a reference case's class).
 */
final class TrainingSetup implements AutoCloseable {

    private final SegmentationNetwork network;
    private final TrainingObjective objective;
    private final Sgd sgd;
    private final PolyLearningRate learningRate;
    private final TrainingStep step;

    private TrainingSetup(SegmentationNetwork network, TrainingObjective objective, Sgd sgd,
            PolyLearningRate learningRate, TrainingStep step) {
        this.network = network;
        this.objective = objective;
        this.sgd = sgd;
        this.learningRate = learningRate;
        this.step = step;
    }

    /**
     * Builds the setup of a run.
     *
     * @param config the configuration (method, optimizer, train, runtime)
     * @param network the network of {@link Networks#create} (or {@link Networks#withMethod}),
     *     initialised; its tensor format is the step's
     * @param classWeights the cross-entropy's class weights
     * @param epochs the run's epoch count (last epoch + 1): E of the DropClass schedule unless
     *     {@code method.end_epoch} is set
     * @param forcedClass empty: DropClass draws z and the drop from the run's seed; a class: that
     *     class is dropped at every step whatever λ is; −1: nothing is ever dropped
     * @param manager parent of the momentum buffers
     * @return the setup; close it to release the optimizer's state
     */
    static TrainingSetup create(ExperimentConfig config, SegmentationNetwork network,
            double[] classWeights, int epochs, OptionalInt forcedClass, NDManager manager) {
        Objects.requireNonNull(network, "network");
        TrainingObjective objective =
                Networks.objective(config, network, classWeights, epochs, forcedClass);
        OptimizerConfig opt = config.optimizer();
        TrainConfig train = config.train();
        Sgd sgd = Sgd.over(manager, network.trainableParameters(), network.tensorFormat(),
                opt.momentum(), opt.weightDecay(), opt.nesterov());
        PolyLearningRate learningRate =
                new PolyLearningRate(opt.lr(), train.iterations(), opt.polyPower());
        TrainingStep step = new TrainingStep(objective, sgd, nonFinitePolicy(train),
                Networks.runningStatistics(network), network.tensorFormat());
        return new TrainingSetup(network, objective, sgd, learningRate, step);
    }

    /**
     * The configured reaction to a NaN or infinite loss.
     *
     * @param train the train section
     * @return stop, or skip with its budget
     */
    static SegmentationTrainer.NonFinitePolicy nonFinitePolicy(TrainConfig train) {
        return train.skipsNonFinite()
                ? SegmentationTrainer.NonFinitePolicy.skip(train.maxSkippedSteps())
                : SegmentationTrainer.NonFinitePolicy.STOP;
    }

    /**
     * The network the step trains.
     *
     * @return the network
     */
    SegmentationNetwork network() {
        return network;
    }

    /**
     * The method's objective.
     *
     * @return the objective
     */
    TrainingObjective objective() {
        return objective;
    }

    /**
     * The optimizer (its momentum buffers are part of a training-state checkpoint).
     *
     * @return the optimizer
     */
    Sgd sgd() {
        return sgd;
    }

    /**
     * The learning rate of each iteration.
     *
     * @return poly over {@code train.iterations}
     */
    PolyLearningRate learningRate() {
        return learningRate;
    }

    /**
     * One optimizer step.
     *
     * @return the step
     */
    TrainingStep step() {
        return step;
    }

    /** Releases the optimizer's state. */
    @Override
    public void close() {
        sgd.close();
    }
}
