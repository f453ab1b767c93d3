package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with plain numbers that is safe inside the autograd graph.
 *
 * <p>Why not {@code x.mul(2f)}: DJL's PyTorch engine wraps the number in a tensor that borrows a
 * Java direct buffer and closes it right after the operation; autograd keeps that tensor for the
 * backward pass (the gradient of {@code x · c} is {@code c}), and once the garbage collector frees
 * the buffer the backward pass reads freed memory: gradients scaled by garbage, seen as a training
 * run that diverges at random. Here the number lives in a tensor that owns its memory.
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
        // () : a 0-dimensional float32 tensor, broadcast over x
        try (NDArray c = x.getManager().full(new Shape(), (float) factor)) {
            return x.mul(c);
        }
    }
}
