package io.dropclass.method;

import ai.djl.ndarray.NDArray;
import io.dropclass.nn.TensorFormat;
import java.util.Objects;

/**
 * The two outputs of a DropClass training forward; the caller owns both arrays.
 *
 * @param logits ŷ = h(A), the plain branch, (B, K, h, w)
 * @param dropLogits ŷ_drop = h(A_drop), the drop branch, (B, K, h, w)
 * @param format the element type and layout of both (the network's)
 */
public record DropClassOutputs(NDArray logits, NDArray dropLogits, TensorFormat format) {

    /** Checks that both are present and of one shape. */
    public DropClassOutputs {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(dropLogits, "dropLogits");
        Objects.requireNonNull(format, "format");
        if (!logits.getShape().equals(dropLogits.getShape())) {
            throw new IllegalArgumentException(
                    "logits "
                            + logits.getShape()
                            + " and drop logits "
                            + dropLogits.getShape()
                            + " differ in shape");
        }
    }

    /**
     * Outputs of a float32 network in the contiguous layout.
     *
     * @param logits ŷ, (B, K, h, w)
     * @param dropLogits ŷ_drop, (B, K, h, w)
     */
    public DropClassOutputs(NDArray logits, NDArray dropLogits) {
        this(logits, dropLogits, TensorFormat.FLOAT32);
    }
}
