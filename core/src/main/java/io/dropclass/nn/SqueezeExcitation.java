package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Squeeze-and-excitation as torchvision's {@code ops.SqueezeExcitation} with MobileNetV3's
 * settings: global average pool, {@code <name>.fc1} (1×1 conv with bias, C → S), ReLU, {@code
 * <name>.fc2} (1×1 conv with bias, S → C), hard-sigmoid, then the input scaled channel-wise.
 */
public final class SqueezeExcitation implements Layer {

    private final Conv2dLayer fc1;
    private final Conv2dLayer fc2;
    private final List<LayerParameter> parameters;

    /**
     * Creates the layer.
     *
     * @param name the module name, e.g. {@code backbone.4.block.2}
     * @param channels C
     * @param squeezeChannels S
     * @param weightInit the initialiser of both 1×1 weights
     * @param biasInit the initialiser of both biases
     */
    public SqueezeExcitation(
            String name,
            int channels,
            int squeezeChannels,
            ParameterInit weightInit,
            ParameterInit biasInit) {
        fc1 = pointwise(name + ".fc1", channels, squeezeChannels, weightInit, biasInit);
        fc2 = pointwise(name + ".fc2", squeezeChannels, channels, weightInit, biasInit);
        List<LayerParameter> list = new ArrayList<>(fc1.layerParameters());
        list.addAll(fc2.layerParameters());
        parameters = List.copyOf(list);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
        // (B, C, H, W) -> (B, C, 1, 1)
        try (NDArray pooled = Pooling.globalAverage(x);
                NDArray squeezed = fc1.forward(parameterStore, pooled, training);
                NDArray relu = squeezed.getNDArrayInternal().relu();
                NDArray excited = fc2.forward(parameterStore, relu, training);
                NDArray scale = Activation.HARD_SIGMOID.apply(excited)) {
            return x.mul(scale);
        }
    }

    /** A 1×1 convolution with bias. */
    private static Conv2dLayer pointwise(String name, int in, int out, ParameterInit weightInit,
            ParameterInit biasInit) {
        return Conv2dLayer.builder(name, in, out, 1)
                .optBias(true)
                .optWeightInit(weightInit)
                .optBiasInit(biasInit)
                .build();
    }

    /** {@inheritDoc} */
    @Override
    public List<LayerParameter> layerParameters() {
        return parameters;
    }
}
