package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Convolution, batch normalisation and an activation, as torchvision's {@code
 * Conv2dNormActivation} (an {@code nn.Sequential}): the convolution is {@code <name>.0}, the
 * normalisation {@code <name>.1}.
 */
public final class ConvNormActivation implements Layer {

    private final Conv2dLayer conv;
    private final BatchNormLayer bn;
    private final Activation activation;
    private final List<LayerParameter> parameters;

    /**
     * Combines a convolution, a normalisation and an activation (names kept as given).
     *
     * @param conv the convolution
     * @param bn the normalisation
     * @param activation the activation applied last ({@link Activation#NONE} for none)
     */
    public ConvNormActivation(Conv2dLayer conv, BatchNormLayer bn, Activation activation) {
        this.conv = Objects.requireNonNull(conv, "conv");
        this.bn = Objects.requireNonNull(bn, "bn");
        this.activation = Objects.requireNonNull(activation, "activation");
        List<LayerParameter> list = new ArrayList<>(conv.layerParameters());
        list.addAll(bn.layerParameters());
        parameters = List.copyOf(list);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
        NDArray y = conv.forward(parameterStore, x, training);
        NDArray z = bn.forward(parameterStore, y, training);
        // closing a temporary only drops this handle; autograd keeps what backward needs
        y.close();
        if (activation == Activation.NONE) {
            return z;
        }
        NDArray r = activation.apply(z);
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
