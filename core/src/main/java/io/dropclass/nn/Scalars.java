package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Arithmetic with plain numbers that is safe inside the autograd graph and exact in the array's
 * element type.
 *
 * <p>Why not {@code x.mul(2f)}: DJL's PyTorch engine wraps the number in a tensor that borrows a
 * Java direct buffer and closes it right after the operation; autograd keeps that tensor for the
 * backward pass (the gradient of {@code x · c} is {@code c}), and once the garbage collector frees
 * the buffer the backward pass reads freed memory: gradients scaled by garbage, seen as a training
 * run that diverges at random. Here the number lives in a tensor that owns its memory. It has the
 * element type of the array it meets and is rounded once from the double given: a float64 network
 * gets λ = 400/968 to 53 bits, not to float32's 24 (DJL's {@code full} takes a float).
 */
public final class Scalars {

    private Scalars() {}

    /**
     * {@code x · factor}, differentiable in {@code x}.
     *
     * @param x any array; not closed
     * @param factor the number
     * @return a new array on x's manager, same shape
     */
    public static NDArray times(NDArray x, double factor) {
        try (NDArray c = constant(x, factor)) { // (): broadcast over x
            return x.mul(c);
        }
    }

    /**
     * The value of a one-element array of any float type.
     *
     * @param scalar a one-element float32 or float64 array; not closed
     * @return its value
     */
    public static double value(NDArray scalar) {
        return scalar.getDataType() == DataType.FLOAT64 ? scalar.getDouble() : scalar.getFloat();
    }

    /**
     * A 0-dimensional tensor of {@code like}'s element type and device that owns its memory.
     *
     * @param like the array whose type and device the constant takes; not closed
     * @param value the value, rounded once to the element type
     * @return a new array on like's manager
     */
    public static NDArray constant(NDArray like, double value) {
        if (like.getManager() instanceof PtNDManager manager) {
            return JniUtils.full(manager, new Shape(), value, like.getDataType(),
                    like.getDevice(), SparseFormat.DENSE);
        }
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
