package io.dropclass.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A 2-D convolution whose parameters are named like PyTorch's {@code nn.Conv2d}: {@code
 * <name>.weight} of shape (out, in/groups, k, k) and, optionally, {@code <name>.bias} of shape
 * (out).
 *
 * <p>Initialisation follows the official HRNet/DropClass code: weight N(0, 0.001²) unless {@link
 * Builder#optWeightInit} says otherwise; bias uniform(±1/√fan_in), PyTorch's default, with fan_in =
 * in/groups·k².
 */
public final class Conv2dLayer implements Layer {

    /** Standard deviation of the official HRNet convolution initialisation. */
    public static final double HRNET_WEIGHT_STD = 0.001;

    private final LayerParameter weight;
    private final LayerParameter bias;
    private final Shape stride;
    private final Shape padding;
    private final Shape dilation;
    private final int groups;
    private final int outChannels;
    private final List<LayerParameter> parameters;

    private Conv2dLayer(Builder b) {
        int fanIn = b.inChannels / b.groups * b.kernel * b.kernel;
        Shape weightShape = new Shape(b.outChannels, b.inChannels / b.groups, b.kernel, b.kernel);
        weight =
                LayerParameter.of(
                        b.name + ".weight", Parameter.Type.WEIGHT, weightShape, b.weightInit, true);
        bias =
                b.bias
                        ? LayerParameter.of(
                                b.name + ".bias",
                                Parameter.Type.BIAS,
                                new Shape(b.outChannels),
                                b.biasInit != null
                                        ? b.biasInit
                                        : ParameterInit.uniform(1.0 / Math.sqrt(fanIn)),
                                true)
                        : null;
        stride = new Shape(b.stride, b.stride);
        padding = new Shape(b.padding, b.padding);
        dilation = new Shape(b.dilation, b.dilation);
        groups = b.groups;
        outChannels = b.outChannels;
        List<LayerParameter> list = new ArrayList<>(2);
        list.add(weight);
        if (bias != null) {
            list.add(bias);
        }
        parameters = List.copyOf(list);
    }

    /**
     * Starts a convolution (stride 1, padding 0, dilation 1, groups 1, no bias).
     *
     * @param name the module name, e.g. {@code conv1} or {@code layer1.0.downsample.0}
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernel square kernel size
     * @return a builder
     */
    public static Builder builder(String name, int inChannels, int outChannels, int kernel) {
        return new Builder(name, inChannels, outChannels, kernel);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
        Device device = x.getDevice();
        NDArray w = parameterStore.getValue(weight.parameter(), device, training);
        NDArray b =
                bias == null ? null : parameterStore.getValue(bias.parameter(), device, training);
        return convolve(x, w, b);
    }

    /**
     * This convolution's geometry (stride, padding, dilation, groups) with the given weight and
     * bias in place of the layer's parameters, e.g. a weight with a BatchNorm folded in.
     *
     * @param x the input, (N, in, H, W); not closed
     * @param weight (out, in/groups, k, k); not closed
     * @param bias (out), or null for none; not closed
     * @return (N, out, H', W'), attached to the input's manager
     */
    public NDArray convolve(NDArray x, NDArray weight, NDArray bias) {
        // (N, in, H, W) -> (N, out, H', W')
        NDArray y = x.getNDArrayInternal()
                .convolution(x, weight, bias, stride, padding, dilation, groups)
                .singletonOrThrow();
        if (FlopCounter.counting()) {
            Shape ws = weight.getShape(); // (out, in/groups, kh, kw)
            FlopCounter.report(FlopCounter.Kind.CONVOLUTION, FlopCounter.convolutionMacs(
                    y.size(), ws.get(1), ws.get(2), ws.get(3)));
        }
        return y;
    }

    /** {@inheritDoc} */
    @Override
    public List<LayerParameter> layerParameters() {
        return parameters;
    }

    /**
     * The weight, (out, in/groups, k, k).
     *
     * @return the weight parameter
     */
    public Parameter weight() {
        return weight.parameter();
    }

    /**
     * The bias, (out), if the layer has one.
     *
     * @return the bias parameter
     */
    public Optional<Parameter> bias() {
        return Optional.ofNullable(bias).map(LayerParameter::parameter);
    }

    /**
     * Number of output channels.
     *
     * @return out
     */
    public int outChannels() {
        return outChannels;
    }

    /**
     * Output size along one spatial axis, as PyTorch computes it.
     *
     * @param size the input size
     * @return floor((size + 2·padding − dilation·(k − 1) − 1) / stride) + 1
     */
    public long outputSize(long size) {
        long k = weight.parameter().getShape().get(2);
        return (size + 2 * padding.get(0) - dilation.get(0) * (k - 1) - 1) / stride.get(0) + 1;
    }

    /** Builder of a {@link Conv2dLayer}. */
    public static final class Builder {
        private final String name;
        private final int inChannels;
        private final int outChannels;
        private final int kernel;
        private int stride = 1;
        private int padding;
        private int dilation = 1;
        private int groups = 1;
        private boolean bias;
        private ParameterInit weightInit = ParameterInit.normal(HRNET_WEIGHT_STD);
        private ParameterInit biasInit;

        private Builder(String name, int inChannels, int outChannels, int kernel) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            requirePositive("inChannels", inChannels);
            requirePositive("outChannels", outChannels);
            requirePositive("kernel", kernel);
            this.name = name;
            this.inChannels = inChannels;
            this.outChannels = outChannels;
            this.kernel = kernel;
        }

        /**
         * Sets the stride.
         *
         * @param stride stride along both axes
         * @return this builder
         */
        public Builder optStride(int stride) {
            requirePositive("stride", stride);
            this.stride = stride;
            return this;
        }

        /**
         * Sets the zero padding.
         *
         * @param padding padding on each side of both axes
         * @return this builder
         */
        public Builder optPadding(int padding) {
            if (padding < 0) {
                throw new IllegalArgumentException("padding must be >= 0, got " + padding);
            }
            this.padding = padding;
            return this;
        }

        /**
         * Sets the dilation (atrous rate).
         *
         * @param dilation dilation along both axes
         * @return this builder
         */
        public Builder optDilation(int dilation) {
            requirePositive("dilation", dilation);
            this.dilation = dilation;
            return this;
        }

        /**
         * Sets the number of groups (depthwise convolution: groups = in = out).
         *
         * @param groups groups; must divide both channel counts
         * @return this builder
         */
        public Builder optGroups(int groups) {
            requirePositive("groups", groups);
            if (inChannels % groups != 0 || outChannels % groups != 0) {
                throw new IllegalArgumentException(
                        "groups must divide in and out channels, got " + groups);
            }
            this.groups = groups;
            return this;
        }

        /**
         * Adds or removes the bias.
         *
         * @param bias true for a bias
         * @return this builder
         */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /**
         * Sets the weight initialiser (default N(0, 0.001²), official HRNet).
         *
         * @param init the initialiser
         * @return this builder
         */
        public Builder optWeightInit(ParameterInit init) {
            this.weightInit = Objects.requireNonNull(init, "init");
            return this;
        }

        /**
         * Sets the bias initialiser (default uniform(±1/√fan_in), PyTorch's).
         *
         * @param init the initialiser
         * @return this builder
         */
        public Builder optBiasInit(ParameterInit init) {
            this.biasInit = Objects.requireNonNull(init, "init");
            return this;
        }

        /**
         * Builds the layer.
         *
         * @return the layer
         */
        public Conv2dLayer build() {
            return new Conv2dLayer(this);
        }

        private static void requirePositive(String field, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(field + " must be positive, got " + value);
            }
        }
    }
}
