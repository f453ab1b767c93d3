package io.dropclass.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dropclass.model.ClassifierNetwork;
import io.dropclass.nn.BatchNormLayer;
import io.dropclass.nn.Conv2dLayer;
import io.dropclass.nn.ConvBn;
import io.dropclass.nn.LayerParameter;
import java.util.ArrayList;
import java.util.List;

/**
 * A small network under DeepLabV3-MobileNetV3's names, for the name maps and loaders: {@code
 * backbone.0.0} conv + {@code backbone.0.1} BN + ReLU, classifier {@code classifier.4} with bias.
 * The parameter plumbing is the shipped networks' own {@link ClassifierNetwork}.
 */
final class TinyDeepLab extends ClassifierNetwork {

    private final ConvBn stem;
    private final int channels;

    TinyDeepLab(int channels, int classes) {
        super(classes);
        this.channels = channels;
        stem = ConvBn.of(Conv2dLayer.builder("backbone.0.0", 3, channels, 3).build(),
                new BatchNormLayer("backbone.0.1", channels, 0.01, 0.001), true);
        Conv2dLayer classifier =
                Conv2dLayer.builder("classifier.4", channels, classes, 1).optBias(true).build();
        List<LayerParameter> all = new ArrayList<>(stem.layerParameters());
        all.addAll(classifier.layerParameters());
        register(all, classifier);
    }

    @Override
    public NDArray features(ParameterStore ps, NDArray images, boolean training) {
        return stem.forward(ps, images, training); // (B, C, H − 2, W − 2)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), numClasses(), in.get(2) - 2, in.get(3) - 2)};
    }

    @Override
    public int featureChannels() {
        return channels;
    }

    @Override
    public int outputStride() {
        return 1;
    }
}
