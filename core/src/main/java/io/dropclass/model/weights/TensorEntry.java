package io.dropclass.model.weights;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * One tensor of a safetensors header.
 *
 * @param name the tensor's name
 * @param dtype the element type
 * @param shape the shape (a scalar has the empty shape)
 * @param begin first byte in the data section
 * @param end one past the last byte in the data section
 */
public record TensorEntry(String name, SafeTensorsDType dtype, Shape shape, long begin, long end) {

    /** Validates the fields. */
    public TensorEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(
                    "tensor " + name + ": invalid data_offsets [" + begin + ", " + end + "]");
        }
    }

    /**
     * Number of bytes of the tensor's data.
     *
     * @return end − begin
     */
    public long byteLength() {
        return end - begin;
    }
}
