package io.dropclass.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import io.dropclass.config.ExperimentConfig;
import io.dropclass.config.MethodConfig;
import io.dropclass.config.ModelConfig;
import io.dropclass.method.ClassDropSampler;
import io.dropclass.method.DropClassNetwork;
import io.dropclass.method.DropClassObjective;
import io.dropclass.method.DropSchedule;
import io.dropclass.method.PredictionBranch;
import io.dropclass.method.SamplingUnit;
import io.dropclass.model.DeepLabV3;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.model.weights.PretrainedWeights;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.WeightFormat;
import io.dropclass.nn.TensorFormat;
import io.dropclass.training.CrossEntropyObjective;
import io.dropclass.training.PixelLoss;
import io.dropclass.training.PixelLossObjective;
import io.dropclass.training.TrainingObjective;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Builds the configured network and the objective of its method (baseline or DropClass). */
final class Networks {

    /** Keeps the class-drop stream apart from the other streams drawn from the run's seed. */
    private static final long SAMPLER_STREAM = 0x5DEECE66DL;

    private Networks() {}

    /**
     * The seed of the class-drop sampler: the decision of iteration i is drawn from (this seed, i).
     *
     * @param runSeed {@code runtime.seed}
     * @return the sampler's seed
     */
    static long samplerSeed(long runSeed) {
        return runSeed ^ SAMPLER_STREAM;
    }

    /**
     * Creates the uninitialised network of the method: the bare network for the baseline, wrapped
     * in the DropClass head for DropClass.
     *
     * @param config the configuration (model, method)
     * @param numClasses K
     * @return the network
     */
    static SegmentationNetwork create(ExperimentConfig config, int numClasses) {
        return withMethod(config.method(), bare(config.model().architecture(), numClasses));
    }

    /**
     * The network a method trains: the bare network itself, or the DropClass head around it.
     *
     * @param method the method section
     * @param network the bare network, uninitialised
     * @return the network of the method
     */
    static SegmentationNetwork withMethod(MethodConfig method, SegmentationNetwork network) {
        if (!method.usesDropClass()) {
            return network;
        }
        PredictionBranch branch = method.inferenceBranch().equals("plain")
                ? PredictionBranch.PLAIN
                : PredictionBranch.DROP;
        return DropClassNetwork.builder(network).optPredictionBranch(branch).build();
    }

    /**
     * A network without any head, by architecture name.
     *
     * @param architecture one of {@link io.dropclass.config.ModelConfig#ARCHITECTURES}
     * @param numClasses K
     * @return the uninitialised network
     */
    static SegmentationNetwork bare(String architecture, int numClasses) {
        return architecture.equals("deeplabv3_mobilenet_v3_large")
                ? DeepLabV3.mobileNetV3Large(numClasses)
                : HrNet.create(HrNetSpec.byName(architecture), numClasses);
    }

    /**
     * Initialises the network from the seed, then from the pretrained file if one is configured.
     *
     * @param config the configuration (model, runtime)
     * @param network the network from {@link #create}
     * @param manager owner of the parameter arrays
     * @return the load report's one-line summary, if a file was loaded
     * @throws IOException if the file cannot be read, or does not fit the network (unless
     *     {@code model.pretrained_partial})
     */
    static Optional<String> initialize(
            ExperimentConfig config, SegmentationNetwork network, NDManager manager)
            throws IOException {
        network.initializeParameters(manager, config.runtime().seed(), format(config));
        ModelConfig model = config.model();
        if (model.pretrained().isEmpty()) {
            return Optional.empty();
        }
        WeightFormat format = WeightFormat.parse(model.pretrainedFormat()).orElse(null);
        try {
            return Optional.of(PretrainedWeights.load(network, Path.of(model.pretrained()), format,
                    model.pretrainedPartial(), manager).summary());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage()
                    + "; set model.pretrained_partial=true to accept a partial load", e);
        }
    }

    /**
     * The element type and layout networks train and predict in: float32, channels-last if {@code
     * runtime.channels_last}.
     *
     * @param config the configuration (runtime)
     * @return the format
     */
    static TensorFormat format(ExperimentConfig config) {
        return TensorFormat.float32(config.runtime().channelsLast());
    }

    /**
     * Fails early, before a run directory exists, if the pretrained file is missing or is not a
     * valid safetensors file.
     *
     * @param config the configuration
     * @throws IOException naming the file
     */
    static void checkInputs(ExperimentConfig config) throws IOException {
        String file = config.model().pretrained();
        if (file.isEmpty()) {
            return;
        }
        if (!Files.isRegularFile(Path.of(file))) {
            throw new IOException("model.pretrained " + file
                    + ": no such file; check the path given to --pretrained");
        }
        try {
            SafeTensors.readHeader(Path.of(file)); // a corrupt file fails here, before any run exists
        } catch (IllegalArgumentException e) {
            throw new IOException("model.pretrained " + e.getMessage()
                    + "; re-export the weights with safetensors' save_file (README, pretrained"
                    + " weights)", e);
        }
    }

    /**
     * The training objective of the method.
     *
     * @param config the configuration (method, train, runtime)
     * @param network the network from {@link #create}
     * @param classWeights the cross-entropy's class weights
     * @param epochs the run's epoch count (last epoch + 1), E unless {@code method.end_epoch} is
     *     set
     * @param forcedClass DropClass: empty to draw from the run's seed; a class to drop it at every
     *     step whatever λ is (the benchmark's worst case, a reference case's class); −1 to never
     *     drop
     * @return the objective
     */
    static TrainingObjective objective(
            ExperimentConfig config,
            SegmentationNetwork network,
            double[] classWeights,
            int epochs,
            OptionalInt forcedClass) {
        MethodConfig method = config.method();
        switch (method.name()) {
            case "baseline" -> {
                return new CrossEntropyObjective(network, classWeights);
            }
            case "focal" -> {
                return new PixelLossObjective(network, classWeights,
                        PixelLoss.focal(method.focalGamma()));
            }
            case "ohem" -> {
                return new PixelLossObjective(network, classWeights,
                        PixelLoss.ohem(method.ohemThreshold(), method.ohemMinKept()));
            }
            case "lovasz" -> {
                return new PixelLossObjective(network, classWeights,
                        PixelLoss.lovasz(method.lovaszCeWeight()));
            }
            default -> { } // dropclass, below
        }
        DropSchedule schedule = method.schedule().equals("iteration")
                ? DropSchedule.perIteration(config.train().iterations())
                : DropSchedule.perEpoch(method.endEpoch() > 0 ? method.endEpoch() : epochs);
        ClassDropSampler sampler = forcedClass.isPresent()
                ? ClassDropSampler.forced(network.numClasses(), forcedClass.getAsInt())
                : ClassDropSampler.seeded(network.numClasses(),
                samplerSeed(config.runtime().seed()),
                method.perImage() ? SamplingUnit.IMAGE : SamplingUnit.BATCH,
                method.sampling().equals("present"));
        return new DropClassObjective((DropClassNetwork) network, classWeights, schedule, sampler,
                method.alpha());
    }

    /**
     * Positions the network's random streams (DeepLabV3's dropout masks, also inside a DropClass
     * head) at an iteration: one training forward per step, so the next mask is that of forward
     * {@code iteration}, as in an uninterrupted run.
     *
     * @param network the network from {@link #create}
     * @param iteration the iteration the run continues at
     */
    static void positionRandomStreams(SegmentationNetwork network, int iteration) {
        SegmentationNetwork inner =
                network instanceof DropClassNetwork head ? head.network() : network;
        if (inner instanceof DeepLabV3 deepLab) {
            deepLab.positionDropout(iteration);
        }
    }

    /**
     * The network's arrays that a training forward changes without the optimizer: the BatchNorm
     * running statistics (parameters that take no gradient).
     *
     * @param network the network, initialised
     * @return the arrays themselves
     */
    static List<NDArray> runningStatistics(SegmentationNetwork network) {
        return network.namedParameters().values().stream()
                .filter(p -> !p.requiresGradient())
                .map(Parameter::getArray)
                .toList();
    }
}
