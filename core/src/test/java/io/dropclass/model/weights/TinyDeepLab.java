package io.dropclass.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.nn.BatchNormLayer;
import io.dropclass.nn.Conv2dLayer;
import io.dropclass.nn.ConvBn;
import io.dropclass.nn.LayerParameter;
import io.dropclass.nn.ParameterValues;
import io.dropclass.nn.TensorFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in with DeepLabV3-MobileNetV3's naming (the real class lives on another branch): {@code
 * backbone.0.0} conv + {@code backbone.0.1} BN + ReLU, classifier {@code classifier.4} with bias.
 */
final class TinyDeepLab extends AbstractBlock implements SegmentationNetwork {

    private TensorFormat format = TensorFormat.FLOAT32;

    private final ConvBn stem;
    private final Conv2dLayer classifier;
    private final List<LayerParameter> all = new ArrayList<>();
    private final Map<String, Parameter> named = new LinkedHashMap<>();

    TinyDeepLab(int channels, int classes) {
        stem =
                ConvBn.of(
                        Conv2dLayer.builder("backbone.0.0", 3, channels, 3).build(),
                        new BatchNormLayer("backbone.0.1", channels, 0.01, 0.001),
                        true);
        classifier = Conv2dLayer.builder("classifier.4", channels, classes, 1).optBias(true).build();
        all.addAll(stem.layerParameters());
        all.addAll(classifier.layerParameters());
        for (LayerParameter lp : all) {
            named.put(lp.name(), addParameter(lp.parameter()));
        }
    }

    @Override
    public NDArray features(ParameterStore ps, NDArray images, boolean training) {
        return stem.forward(ps, images, training);
    }

    @Override
    public NDArray classify(ParameterStore ps, NDArray features, boolean training) {
        return classifier.forward(ps, features, training);
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
        return new Shape[] {new Shape(in.get(0), numClasses(), in.get(2) - 2, in.get(3) - 2)};
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        beforeInitialize(inputShapes);
        ParameterValues.initialize(all, manager, 0, true);
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
        return Math.toIntExact(classifier.weight().getShape().get(1));
    }

    @Override
    public int numClasses() {
        return classifier.outChannels();
    }

    @Override
    public int outputStride() {
        return 1;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return named;
    }

    @Override
    public long trainableParameterCount() {
        return named.values().stream()
                .filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getShape().size())
                .sum();
    }
}
