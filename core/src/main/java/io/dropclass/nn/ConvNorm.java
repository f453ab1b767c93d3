package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A convolution followed by batch normalisation, PyTorch's {@code nn.Sequential(conv, bn, ...)}:
 * the plumbing {@link ConvBn} and {@link ConvNormActivation} share (the two layers, their
 * parameters in state-dict order, the normalised convolution); each adds its own ending.
 */
abstract sealed class ConvNorm implements Layer permits ConvBn, ConvNormActivation {

    private final Conv2dLayer conv;
    private final BatchNormLayer bn;
    private final List<LayerParameter> parameters;

    ConvNorm(Conv2dLayer conv, BatchNormLayer bn) {
        this.conv = Objects.requireNonNull(conv, "conv");
        this.bn = Objects.requireNonNull(bn, "bn");
        List<LayerParameter> list = new ArrayList<>(conv.layerParameters());
        list.addAll(bn.layerParameters());
        parameters = List.copyOf(list);
    }

    /**
     * bn(conv(x)), the convolution's output closed (autograd keeps what backward needs).
     *
     * @param parameterStore the parameter store
     * @param x the input, (N, in, H, W); not closed
     * @param training training-mode normalisation (batch statistics, running buffers updated)
     * @return (N, out, H', W')
     */
    final NDArray normalised(ParameterStore parameterStore, NDArray x, boolean training) {
        NDArray y = conv.forward(parameterStore, x, training);
        NDArray z = bn.forward(parameterStore, y, training);
        y.close();
        return z;
    }

    /** {@inheritDoc} */
    @Override
    public final List<LayerParameter> layerParameters() {
        return parameters;
    }

    /**
     * The convolution.
     *
     * @return the convolution
     */
    public final Conv2dLayer conv() {
        return conv;
    }

    /**
     * The normalisation.
     *
     * @return the normalisation
     */
    public final BatchNormLayer bn() {
        return bn;
    }
}
