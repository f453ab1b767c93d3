package io.dropclass.nn;

import ai.djl.nn.Parameter;
import java.util.List;

/** Something that owns named parameters: a layer, or a group of layers of a model. */
public interface Parameterized {

    /**
     * The parameters with their initialisers, in PyTorch state-dict order.
     *
     * @return an unmodifiable list
     */
    List<LayerParameter> layerParameters();

    /**
     * The parameters, in PyTorch state-dict order.
     *
     * @return an unmodifiable list
     */
    default List<Parameter> parameters() {
        return layerParameters().stream().map(LayerParameter::parameter).toList();
    }
}
