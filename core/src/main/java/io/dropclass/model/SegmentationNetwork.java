package io.dropclass.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.dropclass.nn.TensorFormat;
import java.util.List;
import java.util.Map;

/**
 * A segmentation network split at the seam that DropClass needs: a feature extractor producing the
 * penultimate feature map A, and a 1×1 classifier with bias on top of it.
 *
 * <pre>
 * forward(ps, [images], training) = [classify(ps, features(ps, images, training), training)]
 *   images (B, 3, H, W) -&gt; A (B, C, H/s, W/s), post-ReLU -&gt; logits (B, K, H/s, W/s)
 * </pre>
 *
 * <p>The classifier weight and bias are ordinary trainable parameters read through {@code
 * ps.getValue(...)}, so a DropClass head may reuse them (scaling A's channels by ReLU of the weight
 * rows, then classifying the transformed feature with the same classifier).
 *
 * <p>Arrays returned by a forward method are attached to the input's manager; the caller owns them.
 * Methods never close their inputs.
 */
public interface SegmentationNetwork extends Block {

    /**
     * Runs the backbone and the last feature layer.
     *
     * @param parameterStore the parameter store
     * @param images (B, 3, H, W), normalised
     * @param training true for training mode (batch statistics; running statistics updated)
     * @return A: (B, C, H/s, W/s), post-ReLU, s = {@link #outputStride()}
     */
    NDArray features(ParameterStore parameterStore, NDArray images, boolean training);

    /**
     * Applies the 1×1 classifier with bias.
     *
     * @param parameterStore the parameter store
     * @param features (B, C, h, w)
     * @param training true for training mode
     * @return logits (B, K, h, w)
     */
    NDArray classify(ParameterStore parameterStore, NDArray features, boolean training);

    /**
     * The classifier weight, (K, C, 1, 1).
     *
     * @return the parameter
     */
    Parameter classifierWeight();

    /**
     * The classifier bias, (K).
     *
     * @return the parameter
     */
    Parameter classifierBias();

    /**
     * Channels C of the feature map A.
     *
     * @return C
     */
    int featureChannels();

    /**
     * Number of classes K.
     *
     * @return K
     */
    int numClasses();

    /**
     * Ratio of input size to feature (and logit) size.
     *
     * @return s (4 for HRNet)
     */
    int outputStride();

    /**
     * Every parameter and BatchNorm buffer under its official (PyTorch state-dict) name, in
     * state-dict order.
     *
     * @return an unmodifiable map
     */
    Map<String, Parameter> namedParameters();

    /**
     * The arrays the optimizer updates: every parameter that requires a gradient, in state-dict
     * order (BatchNorm running statistics excluded). Initialised networks only.
     *
     * @return the parameters' own arrays (not copies)
     */
    default List<NDArray> trainableArrays() {
        return trainableParameters().stream().map(Parameter::getArray).toList();
    }

    /**
     * The parameters the optimizer updates: every parameter that requires a gradient, in
     * state-dict order (BatchNorm running statistics excluded).
     *
     * @return the parameters
     */
    default List<Parameter> trainableParameters() {
        return namedParameters().values().stream().filter(Parameter::requiresGradient).toList();
    }

    /**
     * Trainable parameters: the elements of every parameter that requires a gradient (BatchNorm
     * running statistics excluded).
     *
     * @return the count
     */
    default long trainableParameterCount() {
        long count = 0;
        for (Parameter p : namedParameters().values()) {
            if (p.requiresGradient()) {
                count += p.getShape().size();
            }
        }
        return count;
    }

    /**
     * Initialises every parameter deterministically from a seed (overwriting values already set):
     * conv weights N(0, 0.001²) (official HRNet), conv biases uniform(±1/√fan_in) (PyTorch
     * default), BatchNorm γ = 1, β = 0, running mean 0, running variance 1. Parameter p draws from
     * the p-th stream split from {@code new SplittableRandom(seed)}.
     *
     * @param manager the manager that will own newly created parameter arrays
     * @param seed the seed
     */
    default void initializeParameters(NDManager manager, long seed) {
        initializeParameters(manager, seed, TensorFormat.FLOAT32);
    }

    /**
     * Initialises every parameter as {@link #initializeParameters(NDManager, long)}, creating the
     * arrays in a given element type and layout (float64 for checking against a float64
     * reference; channels-last convolution weights). Parameters already created keep their
     * arrays, which must have the format's element type.
     *
     * @param manager the manager that will own newly created parameter arrays
     * @param seed the seed
     * @param format element type and layout of the parameter arrays
     */
    void initializeParameters(NDManager manager, long seed, TensorFormat format);

    /**
     * The element type and layout the parameters were created in.
     *
     * @return the format ({@link TensorFormat#FLOAT32} before initialisation)
     */
    TensorFormat tensorFormat();
}
