package io.dropclass.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Objects;

/**
 * A parameter of a layer together with the rule that initialises it.
 *
 * @param parameter the DJL parameter, named as in the official PyTorch state dict, with its shape
 * @param init how its initial values are drawn
 */
public record LayerParameter(Parameter parameter, ParameterInit init) {

    /** Validates the fields. */
    public LayerParameter {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(init, "init");
        if (parameter.getShape() == null) {
            throw new IllegalArgumentException(
                    "parameter " + parameter.getName() + " must have a shape");
        }
    }

    /**
     * Creates a parameter with a name, type, shape and initialiser.
     *
     * @param name the official state-dict name, e.g. {@code conv1.weight}
     * @param type the DJL parameter type
     * @param shape the shape, e.g. {@code (out, in, k, k)}
     * @param init the initialiser
     * @param trainable false for buffers such as BatchNorm running statistics
     * @return the layer parameter
     */
    public static LayerParameter of(
            String name, Parameter.Type type, Shape shape, ParameterInit init, boolean trainable) {
        Parameter parameter =
                Parameter.builder()
                        .setName(name)
                        .setType(type)
                        .optShape(shape)
                        .optRequiresGrad(trainable)
                        .build();
        return new LayerParameter(parameter, init);
    }

    /**
     * The parameter's official name.
     *
     * @return the name
     */
    public String name() {
        return parameter.getName();
    }
}
