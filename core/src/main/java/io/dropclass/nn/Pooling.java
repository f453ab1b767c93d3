package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Pooling operations with PyTorch's semantics. */
public final class Pooling {

    private Pooling() {}

    /**
     * Global average pooling as PyTorch's {@code AdaptiveAvgPool2d(1)} (one reduction over H·W).
     *
     * @param x (B, C, H, W); not closed
     * @return (B, C, 1, 1), on x's manager
     */
    public static NDArray globalAverage(NDArray x) {
        Shape shape = x.getShape();
        try (NDArray pooled = x.getNDArrayInternal().globalAvgPool()) { // (B, C)
            return pooled.reshape(shape.get(0), shape.get(1), 1, 1);
        }
    }
}
