package io.dropclass.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dropclass.model.InvertedResidual.Config;
import io.dropclass.nn.Activation;
import io.dropclass.nn.BatchNormSettings;
import io.dropclass.nn.Conv2dLayer;
import io.dropclass.nn.ConvNormActivation;
import io.dropclass.nn.ConvSpec;
import io.dropclass.nn.Layer;
import io.dropclass.nn.LayerParameter;
import io.dropclass.nn.LayerSequence;
import io.dropclass.nn.ParameterInit;
import io.dropclass.nn.TensorFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's {@code deeplabv3_mobilenet_v3_large(num_classes=K, aux_loss=False)}, with its
 * state-dict names.
 *
 * <pre>
 * backbone.0            3×3/2 conv 3→16, BN, hard-swish
 * backbone.1 … 15       inverted residual blocks (torchvision's MobileNetV3-Large table), the last
 *                       stage (13–15) dilated 2 with stride 1: output stride 16
 * backbone.16           1×1 conv 160→960, BN, hard-swish          (B, 960, H/16, W/16)
 * classifier.0          ASPP, rates 12/24/36, 256 channels, projection + Dropout(0.5)
 * classifier.1..3       3×3 conv 256→256 (no bias), BN, ReLU       = A (B, 256, H/16, W/16)
 * classifier.4          1×1 conv 256→K with bias                   = logits
 * </pre>
 *
 * <p>The backbone's BatchNorm layers use MobileNetV3's eps 0.001 and momentum 0.01; the head's
 * (ASPP and {@code classifier.2}) are plain {@code nn.BatchNorm2d(256)}: eps 1e-5, momentum 0.1.
 * The logits are at 1/16 of the input; callers upsample them (torchvision does so bilinearly,
 * align_corners false, to the input size).
 *
 * <p>Dropout: {@link io.dropclass.nn.SeededDropout}, identity in inference mode, in training mode
 * a Java-drawn mask from the stream that {@link #initializeParameters} seeds (or {@link
 * #reseedDropout}).
 */
public final class DeepLabV3 extends ClassifierNetwork {

    /** MobileNetV3's BatchNorm eps (torchvision). */
    public static final double BACKBONE_BN_EPS = 0.001;

    /** MobileNetV3's BatchNorm momentum, PyTorch convention (torchvision). */
    public static final double BACKBONE_BN_MOMENTUM = 0.01;

    /** eps of the head's BatchNorm layers ({@code nn.BatchNorm2d} default). */
    public static final double HEAD_BN_EPS = 1e-5;

    /** momentum of the head's BatchNorm layers ({@code nn.BatchNorm2d} default). */
    public static final double HEAD_BN_MOMENTUM = 0.1;

    /** Width of the ASPP branches and of A. */
    public static final int HEAD_CHANNELS = 256;

    private static final BatchNormSettings HEAD_NORM =
            new BatchNormSettings(HEAD_BN_MOMENTUM, HEAD_BN_EPS);
    private static final int[] ASPP_RATES = {12, 24, 36};
    private static final double DROPOUT = 0.5;

    private final LayerSequence backbone;
    private final Aspp aspp;
    private final ConvNormActivation headConv;
    private final int headChannels;

    private DeepLabV3(int numClasses, double widthMult, int headChannels) {
        super(numClasses);
        if (!(widthMult > 0) || Double.isInfinite(widthMult) || headChannels <= 0) {
            throw new IllegalArgumentException("need a positive width multiplier and head width,"
                    + " got " + widthMult + " and " + headChannels);
        }
        this.headChannels = headChannels;
        backbone = new LayerSequence(mobileNetV3LargeFeatures("backbone", widthMult));
        int backboneChannels = lastConvChannels(widthMult);
        aspp =
                new Aspp("classifier.0", backboneChannels, headChannels, ASPP_RATES, DROPOUT,
                        HEAD_NORM);
        headConv =
                new ConvNormActivation(
                        Aspp.conv("classifier.1", headChannels, headChannels, 3, 1),
                        HEAD_NORM.layer("classifier.2", headChannels),
                        Activation.RELU);
        Conv2dLayer classifier =
                Conv2dLayer.builder("classifier.4", headChannels, numClasses, 1)
                        .optBias(true)
                        .optWeightInit(ParameterInit.uniform(1.0 / Math.sqrt(headChannels)))
                        .build();
        List<LayerParameter> list = new ArrayList<>();
        list.addAll(backbone.layerParameters());
        list.addAll(aspp.layerParameters());
        list.addAll(headConv.layerParameters());
        list.addAll(classifier.layerParameters());
        register(list, classifier);
    }

    /**
     * torchvision's {@code deeplabv3_mobilenet_v3_large(num_classes, aux_loss=False)}.
     *
     * @param numClasses K
     * @return the network, parameters not yet initialised
     */
    public static DeepLabV3 mobileNetV3Large(int numClasses) {
        return new DeepLabV3(numClasses, 1.0, HEAD_CHANNELS);
    }

    /**
     * The same network at another width: torchvision's {@code mobilenet_v3_large(width_mult=m,
     * dilated=True)} backbone (every width w becomes {@code _make_divisible(w·m, 8)}, the last
     * convolution 6× the last block's) and a DeepLabV3 head of {@code headChannels} instead of 256
     * (torchvision's {@code ASPP(..., out_channels)}). The names are those of the full network. It
     * lets a test check the whole structure against torchvision at a few hundred kilobytes.
     *
     * @param numClasses K
     * @param widthMult the backbone's width multiplier m (1 for the shipped network)
     * @param headChannels width of the ASPP branches and of A (256 for the shipped network)
     * @return the network, parameters not yet initialised
     */
    public static DeepLabV3 mobileNetV3Large(int numClasses, double widthMult, int headChannels) {
        return new DeepLabV3(numClasses, widthMult, headChannels);
    }

    /** torchvision's {@code InvertedResidualConfig.adjust_channels}. */
    private static int adjust(int channels, double widthMult) {
        return InvertedResidual.makeDivisible(channels * widthMult, 8);
    }

    /** The last convolution's width: 6 × the last block's output. */
    private static int lastConvChannels(double widthMult) {
        return 6 * adjust(160, widthMult);
    }

    /** torchvision's MobileNetV3-Large {@code features} with {@code dilated=True}. */
    private static List<Layer> mobileNetV3LargeFeatures(String name, double widthMult) {
        List<Config> table =
                List.of(
                        new Config(16, 3, 16, 16, false, false, 1, 1),
                        new Config(16, 3, 64, 24, false, false, 2, 1),
                        new Config(24, 3, 72, 24, false, false, 1, 1),
                        new Config(24, 5, 72, 40, true, false, 2, 1),
                        new Config(40, 5, 120, 40, true, false, 1, 1),
                        new Config(40, 5, 120, 40, true, false, 1, 1),
                        new Config(40, 3, 240, 80, false, true, 2, 1),
                        new Config(80, 3, 200, 80, false, true, 1, 1),
                        new Config(80, 3, 184, 80, false, true, 1, 1),
                        new Config(80, 3, 184, 80, false, true, 1, 1),
                        new Config(80, 3, 480, 112, true, true, 1, 1),
                        new Config(112, 3, 672, 112, true, true, 1, 1),
                        new Config(112, 5, 672, 160, true, true, 2, 2),
                        new Config(160, 5, 960, 160, true, true, 1, 2),
                        new Config(160, 5, 960, 160, true, true, 1, 2));
        BatchNormSettings norm = new BatchNormSettings(BACKBONE_BN_MOMENTUM, BACKBONE_BN_EPS);
        List<Layer> layers = new ArrayList<>(table.size() + 2);
        layers.add(
                InvertedResidual.convBn(name + ".0", ConvSpec.of(3, adjust(16, widthMult), 3, 2),
                        Activation.HARD_SWISH, norm));
        for (Config c : table) {
            Config scaled = new Config(adjust(c.in(), widthMult), c.kernel(),
                    adjust(c.expanded(), widthMult), adjust(c.out(), widthMult),
                    c.squeezeExcite(), c.hardSwish(), c.stride(), c.dilation());
            layers.add(new InvertedResidual(name + "." + layers.size(), scaled, norm));
        }
        ConvSpec last = ConvSpec.of(adjust(160, widthMult), lastConvChannels(widthMult), 1, 1);
        layers.add(
                InvertedResidual.convBn(name + "." + layers.size(), last, Activation.HARD_SWISH,
                        norm));
        return List.copyOf(layers);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray features(ParameterStore parameterStore, NDArray images, boolean training) {
        requireImages(images);
        NDArray x = backbone.forward(parameterStore, images, training); // (B, 960, H/16, W/16)
        NDArray pyramid = aspp.forward(parameterStore, x, training); // (B, 256, H/16, W/16)
        x.close();
        NDArray a = headConv.forward(parameterStore, pyramid, training);
        pyramid.close();
        return a;
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0]; // (B, 3, H, W)
        return new Shape[] {
            new Shape(in.get(0), numClasses(), reduced(in.get(2)), reduced(in.get(3)))
        };
    }

    /** Four stride-2 convolutions with padding (k−1)/2: s → (s − 1)/2 + 1, four times. */
    private static long reduced(long size) {
        long s = size;
        for (int i = 0; i < 4; i++) {
            s = (s - 1) / 2 + 1;
        }
        return s;
    }

    /**
     * {@inheritDoc}
     *
     * <p>torchvision's initialisation: backbone convolutions (SE included) kaiming-normal with mode
     * fan_out, SE biases 0; head convolutions PyTorch's default (uniform ±1/√fan_in, which is
     * kaiming-uniform with a = √5), the classifier bias uniform ±1/√fan_in; BatchNorm γ = 1, β =
     * 0, mean 0, variance 1. The dropout stream is reseeded with the same seed.
     */
    @Override
    public void initializeParameters(NDManager manager, long seed, TensorFormat format) {
        super.initializeParameters(manager, seed, format);
        aspp.dropout().reseed(seed);
    }

    /**
     * Restarts the training-mode dropout mask stream.
     *
     * @param seed the seed
     */
    public void reseedDropout(long seed) {
        aspp.dropout().reseed(seed);
    }

    /**
     * Positions the dropout stream: the next training forward draws the mask of the n-th forward
     * since the seed was set (one training forward per step: n = the iteration a resumed run starts
     * at).
     *
     * @param n the position
     */
    public void positionDropout(long n) {
        aspp.dropout().position(n);
    }

    /** {@inheritDoc} */
    @Override
    public int featureChannels() {
        return headChannels;
    }

    /** {@inheritDoc} */
    @Override
    public int outputStride() {
        return 16;
    }

}
