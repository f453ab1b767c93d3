package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Convolution, batch normalisation and optional ReLU, as PyTorch's {@code nn.Sequential(conv, bn[,
 * relu])}: the convolution's parameters are named {@code <name>.0.*} and the normalisation's {@code
 * <name>.1.*}.
 */
public final class ConvBn implements Layer {

    private final Conv2dLayer conv;
    private final BatchNormLayer bn;
    private final boolean relu;
    private final List<LayerParameter> parameters;

    private ConvBn(Conv2dLayer conv, BatchNormLayer bn, boolean relu) {
        this.conv = conv;
        this.bn = bn;
        this.relu = relu;
        List<LayerParameter> list = new ArrayList<>(conv.layerParameters());
        list.addAll(bn.layerParameters());
        parameters = List.copyOf(list);
    }

    /**
     * Creates the sequence {@code <name>.0} = conv k×k (padding k/2, no bias), {@code <name>.1} =
     * BatchNorm with HRNet's settings, then ReLU if asked.
     *
     * @param name the sequence's module name, e.g. {@code transition1.0}
     * @param in input channels
     * @param out output channels
     * @param kernel kernel size (odd)
     * @param stride stride
     * @param relu true to end with ReLU
     * @return the layer
     */
    public static ConvBn hrnet(String name, int in, int out, int kernel, int stride, boolean relu) {
        Conv2dLayer conv =
                Conv2dLayer.builder(name + ".0", in, out, kernel)
                        .optStride(stride)
                        .optPadding(kernel / 2)
                        .build();
        return new ConvBn(conv, BatchNormLayer.hrnet(name + ".1", out), relu);
    }

    /**
     * Combines an existing convolution and normalisation (their names are kept as given).
     *
     * @param conv the convolution
     * @param bn the normalisation
     * @param relu true to end with ReLU
     * @return the layer
     */
    public static ConvBn of(Conv2dLayer conv, BatchNormLayer bn, boolean relu) {
        return new ConvBn(conv, bn, relu);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
        NDArray y = conv.forward(parameterStore, x, training);
        NDArray z = bn.forward(parameterStore, y, training);
        // Closing a temporary only drops this handle; autograd keeps what backward needs.
        y.close();
        if (!relu) {
            return z;
        }
        NDArray r = z.getNDArrayInternal().relu();
        z.close();
        return r;
    }

    /** {@inheritDoc} */
    @Override
    public List<LayerParameter> layerParameters() {
        return parameters;
    }

    /**
     * The convolution.
     *
     * @return the convolution
     */
    public Conv2dLayer conv() {
        return conv;
    }

    /**
     * The normalisation.
     *
     * @return the normalisation
     */
    public BatchNormLayer bn() {
        return bn;
    }
}
