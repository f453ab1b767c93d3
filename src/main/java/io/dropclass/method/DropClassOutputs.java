package io.dropclass.method;

import ai.djl.ndarray.NDArray;

import java.util.Objects;

/**
 * The two outputs of a DropClass training forward; the caller owns both arrays.
 *
 * @param logits ŷ = h(A), the plain branch, (B, K, h, w)
 * @param dropLogits ŷ_drop = h(A_drop), the drop branch, (B, K, h, w)
 */
public record DropClassOutputs(NDArray logits, NDArray dropLogits) {

    /** Checks that both are present and of one shape. */
    public DropClassOutputs {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(dropLogits, "dropLogits");
        if (!logits.getShape().equals(dropLogits.getShape())) {
            throw new IllegalArgumentException(
                    "logits "
                            + logits.getShape()
                            + " and drop logits "
                            + dropLogits.getShape()
                            + " differ in shape");
        }
    }
}
