package io.dropclass.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.config.ModelConfig;
import io.dropclass.method.Method;
import io.dropclass.model.DeepLabV3;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.model.weights.PretrainedWeights;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.WeightFormat;
import io.dropclass.nn.TensorFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The configured method and network: the method from {@code method.name}'s registry entry, the
 * network from {@code model.architecture}'s, initialised from the seed and the pretrained file.
 */
final class Networks {

    private Networks() {}

    /**
     * The configured method.
     *
     * @param config the configuration (method, dropclass, train, runtime)
     * @return the method
     */
    static Method method(ExperimentConfig config) {
        return config.method().name().create(config);
    }

    /**
     * The uninitialised network the configured method predicts with: the bare architecture, or
     * the method's head around it. The network {@link TrainingSetup} trains is built the same way.
     *
     * @param config the configuration (model, method)
     * @param numClasses K
     * @return the network
     */
    static SegmentationNetwork create(ExperimentConfig config, int numClasses) {
        return method(config).network(config.model().architecture().create(numClasses));
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
        WeightFormat format = model.pretrainedFormat().weightFormat().orElse(null);
        try {
            return Optional.of(PretrainedWeights.load(network, Path.of(model.pretrained()), format,
                    model.pretrainedPartial(),
                    model.pretrainedParts() == ModelConfig.PretrainedParts.BACKBONE, manager)
                    .summary());
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
            // a corrupt file fails here, before any run exists
            SafeTensors.readHeader(Path.of(file));
        } catch (IllegalArgumentException e) {
            throw new IOException("model.pretrained " + e.getMessage()
                    + "; re-export the weights with safetensors' save_file (README, pretrained"
                    + " weights)", e);
        }
    }

    /**
     * Positions the network's random streams (DeepLabV3's dropout masks) at an iteration: one
     * training forward per step, so the next mask is that of forward {@code iteration}, as in an
     * uninterrupted run.
     *
     * @param bare the network without the method's head
     * @param iteration the iteration the run continues at
     */
    static void positionRandomStreams(SegmentationNetwork bare, int iteration) {
        if (bare instanceof DeepLabV3 deepLab) {
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
