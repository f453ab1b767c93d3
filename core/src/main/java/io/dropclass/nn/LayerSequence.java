package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied one after the other, as PyTorch's {@code nn.Sequential}. Intermediate outputs are
 * closed as soon as the next layer has consumed them; the input is never closed.
 */
public final class LayerSequence implements Layer {

    private final List<Layer> layers;
    private final List<LayerParameter> parameters;

    /**
     * Creates a sequence.
     *
     * @param layers the layers, applied in list order; at least one
     */
    public LayerSequence(List<? extends Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a layer sequence needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        List<LayerParameter> list = new ArrayList<>();
        for (Layer layer : this.layers) {
            list.addAll(layer.layerParameters());
        }
        parameters = List.copyOf(list);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
        NDArray y = x;
        for (Layer layer : layers) {
            NDArray next = layer.forward(parameterStore, y, training);
            if (y != x) {
                // a temporary of this sequence; autograd keeps what backward needs
                y.close();
            }
            y = next;
        }
        return y;
    }

    /** {@inheritDoc} */
    @Override
    public List<LayerParameter> layerParameters() {
        return parameters;
    }

    /**
     * The layers.
     *
     * @return an unmodifiable list
     */
    public List<Layer> layers() {
        return layers;
    }
}
