package io.dropclass.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir Path dir;

    @Test
    void roundTripsFloatAndLongArraysWithMetadata() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Given
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("conv1.weight", manager.arange(24f).reshape(2, 3, 2, 2));
            tensors.put("bn1.num_batches_tracked", manager.create(7L));
            tensors.put("labels", manager.create(new long[] {0, 255, 18}, new Shape(3)));
            Path file = dir.resolve("state.safetensors");
            // When
            SafeTensors.write(file, tensors, Map.of("format", "pt"));
            Map<String, NDArray> back = SafeTensors.read(file, manager);
            SafeTensorsHeader header = SafeTensors.readHeader(file);
            // Then
            assertThat(back.keySet()).containsExactlyElementsOf(tensors.keySet());
            for (String name : tensors.keySet()) {
                assertThat(back.get(name).getShape()).isEqualTo(tensors.get(name).getShape());
                assertThat(back.get(name).getDataType()).isEqualTo(tensors.get(name).getDataType());
                assertThat(back.get(name).contentEquals(tensors.get(name))).as(name).isTrue();
            }
            assertThat(header.metadata()).containsEntry("format", "pt");
            assertThat(header.tensors().get("bn1.num_batches_tracked").dtype())
                    .isEqualTo(SafeTensorsDType.I64);
            long headerLength = readLong(file);
            assertThat(headerLength % 8).isZero();
        }
    }

    @Test
    void parsesHalfAndOtherDtypesAsPlainData() throws IOException {
        // Given: BF16 1.0 = 0x3F80, F16 1.0 = 0x3C00, U8, I32, F64
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("bf", tensor(SafeTensorsDType.BF16, new Shape(1), 0x80, 0x3F));
        tensors.put("f16", tensor(SafeTensorsDType.F16, new Shape(1), 0x00, 0x3C));
        tensors.put("i16", tensor(SafeTensorsDType.I16, new Shape(1), 0xFE, 0xFF));
        tensors.put("u16", tensor(SafeTensorsDType.U16, new Shape(1), 0xFE, 0xFF));
        tensors.put("u32", tensor(SafeTensorsDType.U32, new Shape(1), 0xFF, 0xFF, 0xFF, 0xFF));
        tensors.put("u8", tensor(SafeTensorsDType.U8, new Shape(2), 1, 255));
        tensors.put("i32", tensor(SafeTensorsDType.I32, new Shape(1), 5, 0, 0, 0));
        tensors.put("f64", tensor(SafeTensorsDType.F64, new Shape(), 0, 0, 0, 0, 0, 0, 0xF0, 0x3F));
        Path file = dir.resolve("mixed.safetensors");
        SafeTensors.writeTensors(file, tensors, Map.of());
        // When
        Map<String, TensorData> back = SafeTensors.readTensors(file);
        // Then
        assertThat(back).isEqualTo(tensors);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = SafeTensors.read(file, manager);
            // BF16 and the 16/32-bit integers are widened exactly (the engine lacks those types)
            assertThat(arrays.get("bf").getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(arrays.get("bf").getFloat()).isEqualTo(1f);
            assertThat(arrays.get("f16").getDataType()).isEqualTo(DataType.FLOAT16);
            assertThat(arrays.get("f16").toType(DataType.FLOAT32, false).getFloat()).isEqualTo(1f);
            assertThat(arrays.get("i16").getInt()).isEqualTo(-2);
            assertThat(arrays.get("u16").getInt()).isEqualTo(65534);
            assertThat(arrays.get("u32").getLong()).isEqualTo(4294967295L);
            assertThat(arrays.get("u8").toUint8Array()).containsExactly(1, 255);
            assertThat(arrays.get("f64").getDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void rejectsAFileTooShortForTheHeaderLength() throws IOException {
        Path file = Files.write(dir.resolve("short.safetensors"), new byte[] {1, 2, 3});
        assertRejected(file, "too short");
    }

    @Test
    void rejectsAHugeHeaderLengthBeforeAllocating() throws IOException {
        Path file = raw("huge.safetensors", Long.MAX_VALUE / 2, "{}", 0);
        assertRejected(file, "header length 4611686018427387903 is invalid");
        assertRejected(raw("neg.safetensors", -1L, "{}", 0), "header length 18446744073709551615");
    }

    @Test
    void rejectsAHeaderLongerThanTheFile() throws IOException {
        assertRejected(raw("long.safetensors", 1000, "{}", 0), "header length 1000 is invalid");
    }

    @Test
    void rejectsOffsetsPastTheEndOfTheFile() throws IOException {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        assertRejected(
                raw("past.safetensors", -2, json, 8), "ends at byte 16 of a data section of 8");
        String far =
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1099511627776],"
                        + "\"data_offsets\":[0,4398046511104]}}";
        assertRejected(raw("far.safetensors", -2, far, 8), "ends at byte 4398046511104");
    }

    @Test
    void rejectsOverlappingTensorsAndHoles() throws IOException {
        String overlap =
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertRejected(raw("overlap.safetensors", -2, overlap, 12), "overlapping");
        String hole = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertRejected(raw("hole.safetensors", -2, hole, 8), "leaving a hole");
    }

    @Test
    void rejectsUnknownDtypesBadShapesAndBadJson() throws IOException {
        String dtype = "{\"a\":{\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,16]}}";
        assertRejected(raw("dtype.safetensors", -2, dtype, 16), "unknown dtype F128");
        String size = "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        assertRejected(raw("size.safetensors", -2, size, 8), "needs 12 bytes");
        String negative = "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}";
        assertRejected(raw("negative.safetensors", -2, negative, 4), "invalid entry -1");
        assertRejected(raw("json.safetensors", -2, "{\"a\":", 0), "not valid JSON");
        String twice =
                "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},"
                        + "\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}";
        assertRejected(raw("twice.safetensors", -2, twice, 1), "Duplicate field 'a'");
    }

    private static void assertRejected(Path file, String message) {
        assertThatThrownBy(() -> SafeTensors.readTensors(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(message);
    }

    /** A file with the given header length field (-2: the JSON's length), JSON and data bytes. */
    private Path raw(String name, long headerLength, String json, int dataBytes)
            throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        long length = headerLength == -2 ? header.length : headerLength;
        ByteBuffer buffer =
                ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(length).put(header);
        return Files.write(dir.resolve(name), buffer.array());
    }

    private static long readLong(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static TensorData tensor(SafeTensorsDType dtype, Shape shape, int... bytes) {
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length);
        for (int b : bytes) {
            buffer.put((byte) b);
        }
        buffer.flip();
        return new TensorData(dtype, shape, buffer);
    }
}
