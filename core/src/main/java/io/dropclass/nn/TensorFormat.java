package io.dropclass.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.Objects;

/**
 * How a network's tensors are held: the element type (float32 for training and inference, float64
 * for checking a computation against a float64 reference) and the memory layout of convolution
 * weights and image batches, plain NCHW or channels-last (NHWC order in memory, PyTorch's {@code
 * torch.channels_last}).
 *
 * <p>Values, shapes and logical order are the same in both layouts. PyTorch decides a tensor's
 * memory format from its strides, and its CPU convolutions run channels-last when the input or the
 * weight is channels-last; their outputs, and the BatchNorm, ReLU and additions behind them, stay
 * channels-last. The summation order differs, which is rounding, not another computation. DJL has
 * no memory-format API: a channels-last tensor is made as a dense NHWC (or out, kh, kw, in) copy
 * whose axes are permuted back to NCHW, a view with channels-last strides, then cloned (a clone
 * keeps the strides of a dense tensor).
 *
 * @param dataType {@link DataType#FLOAT32} or {@link DataType#FLOAT64}
 * @param channelsLast convolution weights and image batches are stored channels-last
 */
public record TensorFormat(DataType dataType, boolean channelsLast) {

    /** float32, plain NCHW: the layout of the official code and of the reference cases. */
    public static final TensorFormat FLOAT32 = new TensorFormat(DataType.FLOAT32, false);

    /** Validates the element type. */
    public TensorFormat {
        Objects.requireNonNull(dataType, "dataType");
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("networks run in float32 or float64, not "
                    + dataType);
        }
    }

    /**
     * float32 in the given layout.
     *
     * @param channelsLast true for channels-last
     * @return the format
     */
    public static TensorFormat float32(boolean channelsLast) {
        return new TensorFormat(DataType.FLOAT32, channelsLast);
    }

    /**
     * The same layout with another element type.
     *
     * @param type float32 or float64
     * @return the format
     */
    public TensorFormat withDataType(DataType type) {
        return new TensorFormat(type, channelsLast);
    }

    /**
     * A short name for tables: {@code float32}, {@code float64}, with {@code channels_last}.
     *
     * @return e.g. {@code float32 channels_last}
     */
    public String label() {
        return dataType.name().toLowerCase(Locale.ROOT)
                + (channelsLast ? " channels_last" : " contiguous");
    }

    /**
     * A new parameter array in this format: the values converted to the element type, a
     * convolution weight (out, in/groups, kh, kw) stored channels-last if the layout says so. The
     * result owns its memory.
     *
     * @param values the values, any numeric type; not closed
     * @param manager owner of the result
     * @return a new array, same shape and values
     */
    public NDArray parameter(NDArray values, NDManager manager) {
        NDArray converted = ParameterValues.copyOf(values, manager, dataType);
        Shape shape = converted.getShape();
        if (!channelsLast || shape.dimension() != 4) {
            return converted;
        }
        long[] dims = shape.getShape(); // (O, I, kh, kw)
        // a permuted view flattened: reshape copies it into memory of NHWC order
        try (converted;
                NDArray permuted = converted.transpose(0, 2, 3, 1); // view (O, kh, kw, I)
                NDArray flat = permuted.reshape(-1);
                NDArray ohwi = flat.reshape(dims[0], dims[2], dims[3], dims[1]); // dense
                NDArray view = ohwi.transpose(0, 3, 1, 2)) { // (O, I, kh, kw), NHWC strides
            NDArray copy = view.duplicate(); // a clone keeps the strides
            copy.attach(manager);
            return copy;
        }
    }

    /**
     * An image batch in this format from host values.
     *
     * @param values (B, 3, H, W) row-major (NCHW order)
     * @param shape (B, C, H, W)
     * @param manager owner of the result
     * @return a new array that owns its memory
     */
    public NDArray images(float[] values, Shape shape, NDManager manager) {
        try (NDArray borrowed = manager.create(values, shape)) { // borrows a Java buffer
            return parameterLike(borrowed, manager);
        }
    }

    /**
     * An input array (images, NCHW) in this format, converted and laid out as {@link #images}.
     *
     * @param values (B, C, H, W), any float type; not closed
     * @param manager owner of the result
     * @return a new array that owns its memory
     */
    public NDArray input(NDArray values, NDManager manager) {
        return parameterLike(values, manager);
    }

    private NDArray parameterLike(NDArray values, NDManager manager) {
        // (B, C, H, W) follows the same rule as an (out, in, kh, kw) weight
        return parameter(values, manager);
    }
}
