package io.dropclass.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A tensor in plain Java: element type, shape, and little-endian bytes in row-major order.
 *
 * @param dtype the element type
 * @param shape the shape
 * @param data read-only, little-endian, exactly {@code shape.size() × dtype.byteSize()} bytes
 */
public record TensorData(SafeTensorsDType dtype, Shape shape, ByteBuffer data) {

    /** Validates the fields and makes the buffer read-only. */
    public TensorData {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        long expected = Math.multiplyExact(shape.size(), dtype.byteSize());
        if (data.remaining() != expected) {
            throw new IllegalArgumentException(
                    "data has "
                            + data.remaining()
                            + " bytes, "
                            + dtype
                            + " "
                            + shape
                            + " needs "
                            + expected);
        }
        data = data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Copies an NDArray's values.
     *
     * @param array the array (any device)
     * @return the tensor
     */
    public static TensorData of(NDArray array) {
        SafeTensorsDType dtype = SafeTensorsDType.of(array.getDataType());
        ByteBuffer bytes = array.toByteBuffer();
        return new TensorData(dtype, array.getShape(), bytes);
    }

    /**
     * The values as float32 (F32 only).
     *
     * @return a new array
     */
    public float[] toFloatArray() {
        if (dtype != SafeTensorsDType.F32) {
            throw new IllegalStateException("tensor is " + dtype + ", not F32");
        }
        float[] values = new float[Math.toIntExact(shape.size())];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /**
     * The values as doubles (F32 widened exactly, F64 as stored).
     *
     * @return a new array
     * @throws IllegalStateException for any other type
     */
    public double[] toDoubleArray() {
        double[] values = new double[Math.toIntExact(shape.size())];
        ByteBuffer in = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F64 -> in.asDoubleBuffer().get(values);
            case F32 -> {
                var floats = in.asFloatBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = floats.get(i);
                }
            }
            default -> throw new IllegalStateException("tensor is " + dtype + ", not F32 or F64");
        }
        return values;
    }

    /**
     * Creates an NDArray with these values, of type {@link SafeTensorsDType#arrayType()} (BF16,
     * I16, U16 and U32 widened exactly).
     *
     * @param manager the manager (and device) of the new array
     * @return the array; the caller owns it
     * @throws IllegalArgumentException for U64, which has no NDArray type
     */
    public NDArray toNDArray(NDManager manager) {
        DataType type =
                dtype.arrayType()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no NDArray type for safetensors dtype " + dtype));
        int count = Math.toIntExact(shape.size());
        ByteBuffer direct =
                ByteBuffer.allocateDirect(count * type.getNumOfBytes())
                        .order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer in = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case BF16 -> {
                // bfloat16 is the upper half of a float32
                for (int i = 0; i < count; i++) {
                    direct.putInt((in.getShort() & 0xFFFF) << 16);
                }
            }
            case I16 -> {
                for (int i = 0; i < count; i++) {
                    direct.putInt(in.getShort());
                }
            }
            case U16 -> {
                for (int i = 0; i < count; i++) {
                    direct.putInt(in.getShort() & 0xFFFF);
                }
            }
            case U32 -> {
                for (int i = 0; i < count; i++) {
                    direct.putLong(in.getInt() & 0xFFFFFFFFL);
                }
            }
            default -> direct.put(in);
        }
        direct.flip();
        return manager.create(direct, shape, type);
    }
}
