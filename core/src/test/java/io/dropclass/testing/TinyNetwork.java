package io.dropclass.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import io.dropclass.model.ClassifierNetwork;
import io.dropclass.nn.Conv2dLayer;
import io.dropclass.nn.ParameterInit;
import java.util.List;

/**
 * A two-layer network for tests: A = ReLU(conv1x1/stride(x)) with C channels, logits = conv1x1(A)
 * with K classes. Weights N(0, 0.5²) so that the classifier has clearly positive and negative
 * entries. The parameter plumbing (registration, initialisation, the classifier) is the shipped
 * networks' own {@link ClassifierNetwork}.
 */
public final class TinyNetwork extends ClassifierNetwork {

    private final int stride;
    private final Conv2dLayer encoder;
    private final int channels;

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
        super(classes);
        this.stride = stride;
        this.channels = channels;
        encoder = Conv2dLayer.builder("encoder", 3, channels, 1).optStride(stride).optBias(true)
                .optWeightInit(ParameterInit.normal(0.5)).build();
        Conv2dLayer classifier = Conv2dLayer.builder("classifier", channels, classes, 1)
                .optBias(true).optWeightInit(ParameterInit.normal(0.5)).build();
        register(List.of(encoder.layerParameters().get(0), encoder.layerParameters().get(1),
                classifier.layerParameters().get(0), classifier.layerParameters().get(1)),
                classifier);
    }

    @Override
    public NDArray features(ParameterStore ps, NDArray images, boolean training) {
        try (NDArray z = encoder.forward(ps, images, training)) {
            return Activation.relu(z); // (B, C, ceil(H/s), ceil(W/s))
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), numClasses(), (in.get(2) + stride - 1) / stride,
                (in.get(3) + stride - 1) / stride)};
    }

    @Override
    public int featureChannels() {
        return channels;
    }

    @Override
    public int outputStride() {
        return stride;
    }
}
