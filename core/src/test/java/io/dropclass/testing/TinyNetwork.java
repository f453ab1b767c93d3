package io.dropclass.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.nn.Conv2dLayer;
import io.dropclass.nn.LayerParameter;
import io.dropclass.nn.ParameterInit;
import io.dropclass.nn.ParameterValues;
import io.dropclass.nn.TensorFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A two-layer network for tests: A = ReLU(conv1x1/stride(x)) with C channels, logits = conv1x1(A) with K
 * classes. Weights N(0, 0.5²) so that the classifier has clearly positive and negative entries.
 */
public final class TinyNetwork extends AbstractBlock implements SegmentationNetwork {

    private TensorFormat format = TensorFormat.FLOAT32;

    private final int stride;
    private final Conv2dLayer encoder;
    private final Conv2dLayer classifier;
    private final List<LayerParameter> all;
    private final Map<String, Parameter> named = new LinkedHashMap<>();

    /**
     * A tiny network with stride 2.
     *
     * @param channels C
     * @param classes K
     */
    public TinyNetwork(int channels, int classes) {
        this(channels, classes, 2);
    }

    /**
     * A tiny network.
     *
     * @param channels C
     * @param classes K
     * @param stride the stride of the first 1×1 convolution (the output stride)
     */
    public TinyNetwork(int channels, int classes, int stride) {
        this.stride = stride;
        encoder =
                Conv2dLayer.builder("encoder", 3, channels, 1)
                        .optStride(stride)
                        .optBias(true)
                        .optWeightInit(ParameterInit.normal(0.5))
                        .build();
        classifier =
                Conv2dLayer.builder("classifier", channels, classes, 1)
                        .optBias(true)
                        .optWeightInit(ParameterInit.normal(0.5))
                        .build();
        all =
                List.of(
                        encoder.layerParameters().get(0),
                        encoder.layerParameters().get(1),
                        classifier.layerParameters().get(0),
                        classifier.layerParameters().get(1));
        for (LayerParameter lp : all) {
            named.put(lp.name(), addParameter(lp.parameter()));
        }
    }

    @Override
    public NDArray features(ParameterStore ps, NDArray images, boolean training) {
        try (NDArray z = encoder.forward(ps, images, training)) {
            return Activation.relu(z); // (B, C, ceil(H/s), ceil(W/s))
        }
    }

    @Override
    public NDArray classify(ParameterStore ps, NDArray features, boolean training) {
        return classifier.forward(ps, features, training); // (B, K, h, w)
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        try (NDArray a = features(ps, inputs.singletonOrThrow(), training)) {
            return new NDList(classify(ps, a, training));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {
            new Shape(in.get(0), numClasses(), (in.get(2) + stride - 1) / stride, (in.get(3) + stride - 1) / stride)
        };
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        beforeInitialize(inputShapes);
        ParameterValues.initialize(all, manager, 0, true);
        named.values().forEach(p -> p.initialize(manager, dataType));
    }

    @Override
    public void initializeParameters(NDManager manager, long seed, TensorFormat format) {
        this.format = format;
        ParameterValues.initialize(all, manager, seed, false, format);
        if (inputShapes == null) {
            beforeInitialize(new Shape(-1, 3, -1, -1));
        }
    }

    @Override
    public TensorFormat tensorFormat() {
        return format;
    }

    @Override
    public Parameter classifierWeight() {
        return classifier.weight();
    }

    @Override
    public Parameter classifierBias() {
        return classifier.bias().orElseThrow();
    }

    @Override
    public int featureChannels() {
        return Math.toIntExact(classifier.weight().getShape().get(1)); // W: (K, C, 1, 1)
    }

    @Override
    public int numClasses() {
        return classifier.outChannels();
    }

    @Override
    public int outputStride() {
        return stride;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return named;
    }

    @Override
    public long trainableParameterCount() {
        return named.values().stream().mapToLong(p -> p.getShape().size()).sum();
    }
}
