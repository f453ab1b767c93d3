package io.dropclass.experiment;

import ai.djl.ndarray.NDManager;
import io.dropclass.analysis.ClassStatistics;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.config.OptimizerConfig;
import io.dropclass.config.TrainConfig;
import io.dropclass.data.SegmentationDataset;
import io.dropclass.inference.ImageNormalization;
import io.dropclass.inference.SegmentationPredictor;
import io.dropclass.method.Method;
import io.dropclass.method.MethodParts;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.training.BatchLoader;
import io.dropclass.training.NonFinitePolicy;
import io.dropclass.training.PolyLearningRate;
import io.dropclass.training.Sgd;
import io.dropclass.training.TrainingStep;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * What a run steps with, built here once from the configuration:
 *
 * <pre>
 *   loader        the training batches (augmentation, batch size, seed), from a start step
 *   parts         the method's network around the configured architecture, and its objective
 *                 (DropClass: its λ schedule over the loader's epochs and its class-drop sampler)
 *   sgd           PyTorch's SGD rule over the network's trainable arrays
 *   learningRate  poly over train.iterations
 *   step          one optimizer step of the objective and SGD, in the network's tensor format
 *                 (element type, layout), with the configured non-finite policy
 * </pre>
 *
 * <p>{@code train}, {@code bench} and {@code check-reference} all build their step here, so the
 * benchmark times and the reference check vouches for the step that training runs; {@code
 * evaluate} and {@code predict} build their network with {@link Networks#create}, the method's
 * network of the same registry. What differs is named at the call: the class-drop draw (seeded for
 * training, forced for the benchmark's worst case and for a reference case's class) and where the
 * weights come from.
 */
final class TrainingSetup implements AutoCloseable {

    /** Where a run's network gets its first values. */
    enum Start {
        /** The seed, then {@code model.pretrained} if configured: a new run or the benchmark. */
        CONFIGURED,
        /** The seed only: a checkpoint's values are restored over them (resume). */
        RESTORED
    }

    /**
     * What differs between the runs that build a setup: the first step, the class-drop draw and
     * where the weights come from.
     *
     * @param startIteration the first step the loader delivers (0, or a checkpoint's step)
     * @param forcedClass empty: DropClass draws from the run's seed; a class: that class is
     *     dropped at every step (the benchmark's worst case)
     * @param start where the network's first values come from
     */
    record Origin(int startIteration, OptionalInt forcedClass, Start start) {

        /**
         * A training run: new, or resumed from a checkpoint's step.
         *
         * @param startIteration 0, or the checkpoint's step
         * @param resumed whether a checkpoint's values will be restored
         * @return the origin
         */
        static Origin training(int startIteration, boolean resumed) {
            return new Origin(startIteration, OptionalInt.empty(),
                    resumed ? Start.RESTORED : Start.CONFIGURED);
        }

        /**
         * The benchmark's worst case: from step 0, class 0 dropped at every step.
         *
         * @return the origin
         */
        static Origin benchmark() {
            return new Origin(0, OptionalInt.of(0), Start.CONFIGURED);
        }
    }

    private final MethodParts parts;
    private final BatchLoader loader;
    private final Sgd sgd;
    private final PolyLearningRate learningRate;
    private final TrainingStep step;

    private TrainingSetup(MethodParts parts, BatchLoader loader, Sgd sgd,
            PolyLearningRate learningRate, TrainingStep step) {
        this.parts = parts;
        this.loader = loader;
        this.sgd = sgd;
        this.learningRate = learningRate;
        this.step = step;
    }

    /**
     * Builds the setup of a run: loader, method, network (initialised), optimizer and step.
     *
     * @param config the configuration; {@code train.iterations} is the horizon of the learning
     *     rate and of an iteration schedule, and its loader's epochs the epoch schedule's E
     * @param train the training split
     * @param stats the training split's class statistics, or null when the class-weight scheme
     *     does not read them
     * @param origin the first step, the class-drop draw and where the first values come from
     * @param manager owner of the parameters and the momentum buffers
     * @param console receives the pretrained load's summary
     * @return the setup; close it to stop the loader and release the optimizer's state
     * @throws IOException if the pretrained file cannot be read or does not fit
     */
    static TrainingSetup forRun(ExperimentConfig config, SegmentationDataset train,
            ClassStatistics stats, Origin origin, NDManager manager, Consumer<String> console)
            throws IOException {
        double[] classWeights = Datasets.classWeights(config, train, stats);
        BatchLoader loader = Datasets.trainingLoader(config, train, origin.startIteration());
        try {
            int epochs = loader.epochOf(config.train().iterations() - 1) + 1;
            Method method = Networks.method(config);
            if (origin.forcedClass().isPresent()) {
                method = method.droppingAlways(origin.forcedClass().getAsInt());
            }
            MethodParts parts = method.build(
                    config.model().architecture().create(train.classes().size()), classWeights,
                    epochs);
            if (origin.start() == Start.CONFIGURED) {
                Networks.initialize(config, parts.network(), manager).ifPresent(console);
            } else {
                parts.network().initializeParameters(manager, config.runtime().seed(),
                        Networks.format(config));
            }
            return stepping(config, parts, loader, manager);
        } catch (IOException | RuntimeException e) {
            loader.close();
            throw e;
        }
    }

    /**
     * Builds the optimizer and step over a method's initialised network, without a loader (the
     * reference check feeds its own batch).
     *
     * @param config the configuration (optimizer, train)
     * @param parts the method's parts, the network initialised
     * @param manager parent of the momentum buffers
     * @return the setup; close it to release the optimizer's state
     */
    static TrainingSetup forParts(ExperimentConfig config, MethodParts parts, NDManager manager) {
        return stepping(config, parts, null, manager);
    }

    private static TrainingSetup stepping(
            ExperimentConfig config, MethodParts parts, BatchLoader loader, NDManager manager) {
        SegmentationNetwork network = parts.network();
        OptimizerConfig opt = config.optimizer();
        TrainConfig train = config.train();
        // the optimizer re-homes the parameters in its buffer: parameter stores come after it
        Sgd sgd = Sgd.over(manager, network.trainableParameters(), network.tensorFormat(),
                opt.momentum(), opt.weightDecay(), opt.nesterov());
        PolyLearningRate learningRate =
                new PolyLearningRate(opt.lr(), train.iterations(), opt.polyPower());
        TrainingStep step = new TrainingStep(parts.objective(), sgd, nonFinitePolicy(train),
                Networks.runningStatistics(network), network.tensorFormat());
        return new TrainingSetup(parts, loader, sgd, learningRate, step);
    }

    /**
     * The configured reaction to a NaN or infinite loss.
     *
     * @param train the train section
     * @return stop, or skip with its budget
     */
    static NonFinitePolicy nonFinitePolicy(TrainConfig train) {
        return train.skipsNonFinite()
                ? NonFinitePolicy.skip(train.maxSkippedSteps())
                : NonFinitePolicy.STOP;
    }

    /**
     * The method's network and objective, and the bare network inside.
     *
     * @return the parts
     */
    MethodParts parts() {
        return parts;
    }

    /**
     * The network the step trains.
     *
     * @return the network
     */
    SegmentationNetwork network() {
        return parts.network();
    }

    /**
     * The predictor of the network (ImageNet normalisation), for validation and the benchmark's
     * inference.
     *
     * @return a new predictor over the same network
     */
    SegmentationPredictor predictor() {
        return new SegmentationPredictor(parts.network(), ImageNormalization.IMAGENET);
    }

    /**
     * The training batches.
     *
     * @return the loader
     * @throws IllegalStateException for a setup made {@link #forParts}
     */
    BatchLoader loader() {
        if (loader == null) {
            throw new IllegalStateException("this setup has no loader");
        }
        return loader;
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

    /**
     * Positions the network's random streams (DeepLabV3's dropout masks) at an iteration, as in
     * an uninterrupted run.
     *
     * @param iteration the iteration the run continues at
     */
    void positionRandomStreams(int iteration) {
        Networks.positionRandomStreams(parts.bare(), iteration);
    }

    /** Stops the loader's threads and releases the optimizer's state. */
    @Override
    public void close() {
        try {
            if (loader != null) {
                loader.close();
            }
        } finally {
            sgd.close();
        }
    }
}
