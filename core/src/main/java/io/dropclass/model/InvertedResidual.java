package io.dropclass.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.dropclass.nn.Activation;
import io.dropclass.nn.BatchNormSettings;
import io.dropclass.nn.Conv2dLayer;
import io.dropclass.nn.ConvNormActivation;
import io.dropclass.nn.ConvSpec;
import io.dropclass.nn.Layer;
import io.dropclass.nn.LayerParameter;
import io.dropclass.nn.LayerSequence;
import io.dropclass.nn.ParameterInit;
import io.dropclass.nn.SqueezeExcitation;
import java.util.ArrayList;
import java.util.List;

/**
 * MobileNetV3's inverted residual block, as torchvision's {@code InvertedResidual}: {@code
 * <name>.block} = [1×1 expansion conv-BN-act (only when the expanded width differs from the
 * input)], k×k depthwise conv-BN-act (stride, or stride 1 and a dilation when dilated; padding
 * (k−1)/2·dilation), [squeeze-and-excitation with hard-sigmoid], 1×1 projection conv-BN (no
 * activation); the input is added when stride is 1 and input and output widths agree.
 */
final class InvertedResidual implements Layer {

    /** One row of torchvision's MobileNetV3 configuration ({@code InvertedResidualConfig}). */
    record Config(
            int in,
            int kernel,
            int expanded,
            int out,
            boolean squeezeExcite,
            boolean hardSwish,
            int stride,
            int dilation) {}

    private final LayerSequence block;
    private final boolean residual;

    InvertedResidual(String name, Config c, BatchNormSettings norm) {
        Activation act = c.hardSwish() ? Activation.HARD_SWISH : Activation.RELU;
        // torchvision: a dilated block keeps stride 1; the residual follows the configured
        // stride (a dilated stride-2 block has none, even where its widths agree)
        int stride = c.dilation() > 1 ? 1 : c.stride();
        residual = c.stride() == 1 && c.in() == c.out();
        String prefix = name + ".block.";
        List<Layer> layers = new ArrayList<>(4);
        if (c.expanded() != c.in()) {
            layers.add(
                    convBn(prefix + layers.size(), ConvSpec.of(c.in(), c.expanded(), 1, 1), act,
                            norm));
        }
        ConvSpec depthwise =
                new ConvSpec(c.expanded(), c.expanded(), c.kernel(), stride, c.dilation(),
                        c.expanded());
        layers.add(convBn(prefix + layers.size(), depthwise, act, norm));
        if (c.squeezeExcite()) {
            layers.add(
                    new SqueezeExcitation(
                            prefix + layers.size(),
                            c.expanded(),
                            makeDivisible(c.expanded() / 4, 8),
                            ParameterInit.normal(kaimingFanOutStd(c.expanded(), 1)),
                            ParameterInit.constant(0f)));
        }
        layers.add(
                convBn(prefix + layers.size(), ConvSpec.of(c.expanded(), c.out(), 1, 1),
                        Activation.NONE, norm));
        block = new LayerSequence(layers);
    }

    /**
     * A conv (no bias, kaiming-normal fan-out init) + BN + activation, torchvision's {@code
     * Conv2dNormActivation} with padding (k−1)/2·dilation.
     */
    static ConvNormActivation convBn(
            String name, ConvSpec spec, Activation act, BatchNormSettings norm) {
        Conv2dLayer conv =
                spec.builder(name + ".0")
                        .optWeightInit(
                                ParameterInit.normal(kaimingFanOutStd(spec.out(), spec.kernel())))
                        .build();
        return new ConvNormActivation(conv, norm.layer(name + ".1", spec.out()), act);
    }

    /** Kaiming normal, mode fan_out, ReLU gain: std = √(2 / (out·k²)) (PyTorch ignores groups). */
    static double kaimingFanOutStd(int out, int kernel) {
        return Math.sqrt(2.0 / ((double) out * kernel * kernel));
    }

    /**
     * torchvision's {@code _make_divisible(v, divisor)}: v rounded to the nearest multiple of the
     * divisor (at least the divisor), raised by one divisor if that lost more than 10 %.
     */
    static int makeDivisible(double v, int divisor) {
        int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        if (rounded < 0.9 * v) {
            rounded += divisor;
        }
        return rounded;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
        NDArray y = block.forward(parameterStore, x, training);
        if (!residual) {
            return y;
        }
        NDArray sum = y.add(x);
        y.close();
        return sum;
    }

    /** {@inheritDoc} */
    @Override
    public List<LayerParameter> layerParameters() {
        return block.layerParameters();
    }
}
