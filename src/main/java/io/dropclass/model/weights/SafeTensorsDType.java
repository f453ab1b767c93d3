package io.dropclass.model.weights;

import ai.djl.ndarray.types.DataType;

import java.util.Arrays;
import java.util.Optional;

/** Element types of the safetensors format, with their sizes and DJL counterparts. */
public enum SafeTensorsDType {
    /** 64-bit float. */
    F64(8, DataType.FLOAT64),
    /** 32-bit float. */
    F32(4, DataType.FLOAT32),
    /** IEEE half precision. */
    F16(2, DataType.FLOAT16),
    /** bfloat16. */
    BF16(2, DataType.BFLOAT16),
    /** 64-bit signed integer. */
    I64(8, DataType.INT64),
    /** 32-bit signed integer. */
    I32(4, DataType.INT32),
    /** 16-bit signed integer. */
    I16(2, DataType.INT16),
    /** 8-bit signed integer. */
    I8(1, DataType.INT8),
    /** 8-bit unsigned integer. */
    U8(1, DataType.UINT8),
    /** Boolean, one byte. */
    BOOL(1, DataType.BOOLEAN),
    /** 64-bit unsigned integer (parsed; no NDArray conversion). */
    U64(8, null),
    /** 32-bit unsigned integer (parsed; no NDArray conversion). */
    U32(4, null),
    /** 16-bit unsigned integer (parsed; no NDArray conversion). */
    U16(2, null);

    private final int byteSize;
    private final DataType dataType;

    SafeTensorsDType(int byteSize, DataType dataType) {
        this.byteSize = byteSize;
        this.dataType = dataType;
    }

    /**
     * Bytes per element.
     *
     * @return the element size
     */
    public int byteSize() {
        return byteSize;
    }

    /**
     * The DJL type that holds this type's values, if NDArrays of it are supported.
     *
     * @return the data type, or empty
     */
    public Optional<DataType> dataType() {
        return Optional.ofNullable(dataType);
    }

    /**
     * The safetensors type of a DJL data type.
     *
     * @param dataType the DJL type
     * @return the safetensors type
     * @throws IllegalArgumentException if safetensors has no such type
     */
    public static SafeTensorsDType of(DataType dataType) {
        for (SafeTensorsDType t : values()) {
            if (t.dataType == dataType) {
                return t;
            }
        }
        throw new IllegalArgumentException("safetensors has no dtype for " + dataType);
    }

    /**
     * Parses a header's dtype string.
     *
     * @param name e.g. {@code F32}
     * @return the type, or empty if unknown
     */
    public static Optional<SafeTensorsDType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
