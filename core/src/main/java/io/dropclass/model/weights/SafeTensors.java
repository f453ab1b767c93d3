package io.dropclass.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropclass.results.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length n, n bytes of JSON
 * header, then the raw little-endian tensor data.
 *
 * <p>Reading checks the header length against the file size and {@link #MAX_HEADER_BYTES}, then
 * validates the whole header ({@link SafeTensorsHeader}) before it allocates any tensor. Every
 * error message names the file. Writing puts tensors back to back in map order, pads the header
 * with spaces to a multiple of 8 bytes, and replaces the target file atomically where the file
 * system allows.
 */
public final class SafeTensors {

    /** Largest header accepted (the reference implementation's limit). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SafeTensors() {}

    /**
     * Reads and validates the header only.
     *
     * @param file the file
     * @return the header
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file is not valid safetensors
     */
    public static SafeTensorsHeader readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(channel, file);
        }
    }

    /**
     * Reads every tensor into NDArrays.
     *
     * @param file the file
     * @param manager the manager of the new arrays; the caller owns them
     * @return name → array, in header order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file is invalid or holds U64, which has no NDArray
     *     type (BF16, I16, U16 and U32 are widened exactly, see {@link SafeTensorsDType})
     */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        Map<String, TensorData> tensors = readTensors(file);
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
                arrays.put(e.getKey(), e.getValue().toNDArray(manager));
            }
        } catch (IllegalArgumentException e) {
            arrays.values().forEach(NDArray::close);
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return arrays;
    }

    /**
     * Reads every tensor as plain Java data.
     *
     * @param file the file
     * @return name → tensor, in header order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file is not valid safetensors
     */
    public static Map<String, TensorData> readTensors(Path file) throws IOException {
        checkByteOrder();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SafeTensorsHeader header = readHeader(channel, file);
            long dataStart = channel.position();
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            for (TensorEntry entry : header.tensors().values()) {
                if (entry.byteLength() > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException(
                            file + ": tensor '" + entry.name() + "' exceeds 2 GiB");
                }
                ByteBuffer buffer =
                        ByteBuffer.allocate(Math.toIntExact(entry.byteLength()))
                                .order(ByteOrder.LITTLE_ENDIAN);
                readFully(channel, buffer, dataStart + entry.begin(), file);
                buffer.flip();
                tensors.put(entry.name(), new TensorData(entry.dtype(), entry.shape(), buffer));
            }
            return tensors;
        }
    }

    private static SafeTensorsHeader readHeader(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw new IllegalArgumentException(
                    file + ": " + size + " bytes, too short for a safetensors header length");
        }
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, prefix, 0, file);
        long headerLength = prefix.getLong(0);
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
            throw new IllegalArgumentException(
                    file
                            + ": header length "
                            + Long.toUnsignedString(headerLength)
                            + " is invalid (file has "
                            + size
                            + " bytes, limit "
                            + MAX_HEADER_BYTES
                            + ")");
        }
        ByteBuffer json = ByteBuffer.allocate((int) headerLength);
        readFully(channel, json, 8, file);
        channel.position(8 + headerLength);
        return SafeTensorsHeader.parse(json.array(), size - 8 - headerLength, file.toString());
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IllegalArgumentException(file + ": unexpected end of file at " + at);
            }
            at += n;
        }
    }

    /**
     * Writes NDArrays (F32, I64 and any other type with a safetensors dtype).
     *
     * @param file the target; replaced if it exists
     * @param tensors name → array, written in map order; arrays are not closed
     * @param metadata {@code __metadata__} entries; empty for none
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, TensorData> data = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            data.put(e.getKey(), TensorData.of(e.getValue()));
        }
        writeTensors(file, data, metadata);
    }

    /**
     * Writes plain Java tensors.
     *
     * @param file the target; replaced if it exists
     * @param tensors name → tensor, written in map order
     * @param metadata {@code __metadata__} entries; empty for none
     * @throws IOException if the file cannot be written
     */
    public static void writeTensors(
            Path file, Map<String, TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        checkByteOrder();
        byte[] header = header(tensors, metadata);
        // temporary file, fsync, rename: a crash never leaves a half-written checkpoint
        AtomicFiles.write(file, out -> writeTo(out, header, tensors));
    }

    /**
     * Writes plain Java tensors as safetensors bytes to a stream (not closed), e.g. inside {@link
     * AtomicFiles#write(Path, AtomicFiles.Writer)}.
     *
     * @param out the stream
     * @param tensors name → tensor, written in map order
     * @param metadata {@code __metadata__} entries; empty for none
     * @throws IOException if writing fails
     */
    public static void writeTo(
            OutputStream out, Map<String, TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        checkByteOrder();
        writeTo(out, header(tensors, metadata), tensors);
    }

    private static void writeTo(OutputStream out, byte[] header, Map<String, TensorData> tensors)
            throws IOException {
        WritableByteChannel channel = Channels.newChannel(out);
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(header.length).flip();
        writeFully(channel, prefix);
        writeFully(channel, ByteBuffer.wrap(header));
        for (TensorData t : tensors.values()) {
            writeFully(channel, t.data().duplicate());
        }
    }

    private static byte[] header(Map<String, TensorData> tensors, Map<String, String> metadata) {
        ObjectNode root = MAPPER.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafeTensorsHeader.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || SafeTensorsHeader.METADATA_KEY.equals(name)) {
                throw new IllegalArgumentException("invalid tensor name '" + name + "'");
            }
            TensorData t = e.getValue();
            ObjectNode node = root.putObject(name);
            node.put("dtype", t.dtype().name());
            ArrayNode shape = node.putArray("shape");
            for (long d : t.shape().getShape()) {
                shape.add(d);
            }
            long end = offset + t.data().remaining();
            node.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = new byte[padded];
        System.arraycopy(json, 0, header, 0, json.length);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeFully(WritableByteChannel channel,
            ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void checkByteOrder() {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException(
                    "safetensors I/O needs a little-endian platform (NDArray bytes are native"
                            + " order)");
        }
    }
}
