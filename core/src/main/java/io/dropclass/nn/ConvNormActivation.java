package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.Objects;

/**
 * Convolution, batch normalisation and an activation, as torchvision's {@code
 * Conv2dNormActivation} (an {@code nn.Sequential}): the convolution is {@code <name>.0}, the
 * normalisation {@code <name>.1}.
 */
public final class ConvNormActivation extends ConvNorm {

    private final Activation activation;

    /**
     * Combines a convolution, a normalisation and an activation (names kept as given).
     *
     * @param conv the convolution
     * @param bn the normalisation
     * @param activation the activation applied last ({@link Activation#NONE} for none)
     */
    public ConvNormActivation(Conv2dLayer conv, BatchNormLayer bn, Activation activation) {
        super(conv, bn);
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
        return activation.applyAndClose(normalised(parameterStore, x, training));
    }
}
