package io.dropclass.model.weights;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Optional;

/**
 * Element types of the safetensors format, with their sizes and the DJL type an NDArray read from
 * them gets.
 *
 * <p>DJL's PyTorch engine (0.36) handles only float32/64/16, uint8, int8/32/64 and boolean:
 * creating an array of any other DJL type aborts the JVM in native code. Types beyond those are
 * therefore widened exactly when read into NDArrays: BF16 → float32, I16 and U16 → int32, U32 →
 * int64; U64 cannot be read into an NDArray.
 */
public enum SafeTensorsDType {
    /** 64-bit float. */
    F64(8, DataType.FLOAT64, DataType.FLOAT64),
    /** 32-bit float. */
    F32(4, DataType.FLOAT32, DataType.FLOAT32),
    /** IEEE half precision. */
    F16(2, DataType.FLOAT16, DataType.FLOAT16),
    /** bfloat16 (read as float32). */
    BF16(2, DataType.BFLOAT16, DataType.FLOAT32),
    /** 64-bit signed integer. */
    I64(8, DataType.INT64, DataType.INT64),
    /** 32-bit signed integer. */
    I32(4, DataType.INT32, DataType.INT32),
    /** 16-bit signed integer (read as int32). */
    I16(2, DataType.INT16, DataType.INT32),
    /** 8-bit signed integer. */
    I8(1, DataType.INT8, DataType.INT8),
    /** 8-bit unsigned integer. */
    U8(1, DataType.UINT8, DataType.UINT8),
    /** Boolean, one byte. */
    BOOL(1, DataType.BOOLEAN, DataType.BOOLEAN),
    /** 64-bit unsigned integer (parsed; no NDArray). */
    U64(8, DataType.UINT64, null),
    /** 32-bit unsigned integer (read as int64). */
    U32(4, DataType.UINT32, DataType.INT64),
    /** 16-bit unsigned integer (read as int32). */
    U16(2, DataType.UINT16, DataType.INT32);

    private final int byteSize;
    private final DataType sameType;
    private final DataType arrayType;

    SafeTensorsDType(int byteSize, DataType sameType, DataType arrayType) {
        this.byteSize = byteSize;
        this.sameType = sameType;
        this.arrayType = arrayType;
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
     * The DJL type of NDArrays read from this type (exactly representing every value).
     *
     * @return the data type, or empty for U64
     */
    public Optional<DataType> arrayType() {
        return Optional.ofNullable(arrayType);
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
            if (t.sameType == dataType) {
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
