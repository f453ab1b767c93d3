package io.dropclass.nn;

import ai.djl.ndarray.NDArray;

/**
 * Element-wise activations of PyTorch, computed with autograd-safe constants (tensors that own
 * their memory, never {@code Number} overloads; see {@link Scalars}).
 *
 * <ul>
 *   <li>{@link #RELU}: max(x, 0)
 *   <li>{@link #HARD_SWISH}: x · min(max(x + 3, 0), 6) / 6, as {@code nn.Hardswish}
 *   <li>{@link #HARD_SIGMOID}: min(max(x + 3, 0), 6) / 6, as {@code nn.Hardsigmoid}, with
 *       PyTorch's gradient: 1/6 rounded to float32 (its kernel's constant {@code 1.0f / 6.0f}, in
 *       float64 too) inside −3 &lt; x &lt; 3, 0 outside
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
                        NDArray six = constant(x, 6f);
                        NDArray value = r.div(six)) {
                    return withSlope(value, x, HARD_SIGMOID_SLOPE, -3, 3);
                }
            default:
                throw new IllegalStateException("unknown activation " + this);
        }
    }

    /**
     * Applies the activation to a temporary of the caller's and closes that temporary's handle
     * (autograd keeps what backward needs); {@link #NONE} returns x itself.
     *
     * @param x the temporary
     * @return the activation of x, a new array unless the activation is {@link #NONE}
     */
    public NDArray applyAndClose(NDArray x) {
        if (this == NONE) {
            return x;
        }
        NDArray y = apply(x);
        x.close();
        return y;
    }

    /** PyTorch's hardsigmoid_backward constant, {@code 1.0f / 6.0f}, for every element type. */
    private static final double HARD_SIGMOID_SLOPE = 1.0f / 6.0f;

    /**
     * An array with the values of {@code value} and the gradient slope·1[low &lt; x &lt; high]
     * with respect to x: value.detach() + (x·k − (x·k).detach()), k the slope on the open
     * interval and 0 outside. The forward is exact (a − a = 0), the gradient is k.
     */
    private static NDArray withSlope(NDArray value, NDArray x, double slope, double low,
            double high) {
        try (NDArray lo = constant(x, low);
                NDArray hi = constant(x, high);
                NDArray above = x.gt(lo);
                NDArray below = x.lt(hi);
                NDArray inside = above.logicalAnd(below);
                NDArray mask = inside.toType(x.getDataType(), false);
                NDArray s = constant(x, slope);
                NDArray k = mask.mul(s); // constant: no gradient of its own
                NDArray linear = x.mul(k);
                NDArray linearValue = linear.stopGradient();
                NDArray fixed = value.stopGradient();
                NDArray zero = linear.sub(linearValue)) {
            return fixed.add(zero);
        }
    }

    /** min(max(x + 3, 0), 6); clip passes its bounds to torch.clamp as plain doubles. */
    private static NDArray relu6Shifted(NDArray x) {
        try (NDArray three = constant(x, 3f);
                NDArray shifted = x.add(three)) {
            return shifted.clip(0f, 6f);
        }
    }

    private static NDArray constant(NDArray like, double value) {
        // () : a 0-dimensional tensor that owns its memory, broadcast over x
        return Scalars.constant(like, value);
    }
}
