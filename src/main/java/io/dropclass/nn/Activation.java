package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Element-wise activations of PyTorch, computed with autograd-safe constants (tensors that own
 * their memory, never {@code Number} overloads; see {@link Scalars}).
 *
 * <ul>
 *   <li>{@link #RELU}: max(x, 0)
 *   <li>{@link #HARD_SWISH}: x · min(max(x + 3, 0), 6) / 6, as {@code nn.Hardswish}
 *   <li>{@link #HARD_SIGMOID}: min(max(x + 3, 0), 6) / 6, as {@code nn.Hardsigmoid}
 *   <li>{@link #NONE}: the identity (returns a new handle to an equal array)
 * </ul>
 */
public enum Activation {
    /** The identity. */
    NONE,
    /** max(x, 0). */
    RELU,
    /** x · relu6(x + 3) / 6. */
    HARD_SWISH,
    /** relu6(x + 3) / 6. */
    HARD_SIGMOID;

    /**
     * Applies the activation.
     *
     * @param x any array; not closed
     * @return a new array on x's manager, same shape
     */
    public NDArray apply(NDArray x) {
        switch (this) {
            case NONE:
                return x.duplicate();
            case RELU:
                return x.getNDArrayInternal().relu();
            case HARD_SWISH:
                try (NDArray r = relu6Shifted(x);
                        NDArray xr = x.mul(r);
                        NDArray six = constant(x, 6f)) {
                    return xr.div(six);
                }
            case HARD_SIGMOID:
                try (NDArray r = relu6Shifted(x);
                        NDArray six = constant(x, 6f)) {
                    return r.div(six);
                }
            default:
                throw new IllegalStateException("unknown activation " + this);
        }
    }

    /** min(max(x + 3, 0), 6); clip passes its bounds to torch.clamp as plain doubles. */
    private static NDArray relu6Shifted(NDArray x) {
        try (NDArray three = constant(x, 3f);
                NDArray shifted = x.add(three)) {
            return shifted.clip(0f, 6f);
        }
    }

    private static NDArray constant(NDArray like, float value) {
        // () : a 0-dimensional float32 tensor that owns its memory, broadcast over x
        return like.getManager().full(new Shape(), value);
    }
}
