package io.dropclass.model.weights;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated JSON header of a safetensors file: {@code {name: {dtype, shape, data_offsets}}}
 * plus an optional {@code __metadata__} string map.
 *
 * <p>Validation, before any tensor is allocated: every entry has a known dtype, a shape of
 * non-negative integers and two offsets with begin ≤ end; end − begin equals the shape's byte size;
 * the tensors neither overlap nor leave holes, and together cover the data section exactly (as the
 * format's reference implementation requires).
 *
 * @param tensors the tensors in header order
 * @param metadata the {@code __metadata__} entries (empty if none)
 */
public record SafeTensorsHeader(Map<String, TensorEntry> tensors, Map<String, String> metadata) {

    /** Name of the metadata entry. */
    public static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper MAPPER =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Copies the maps, keeping their order. */
    public SafeTensorsHeader {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * Parses and validates a header.
     *
     * @param json the header bytes (UTF-8 JSON)
     * @param dataLength bytes in the data section (file size − 8 − header length)
     * @param source the file, for messages
     * @return the header
     * @throws IllegalArgumentException naming the source and the problem
     */
    public static SafeTensorsHeader parse(byte[] json, long dataLength, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    source + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read header: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": header is not a JSON object");
        }
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (METADATA_KEY.equals(field.getKey())) {
                metadata.putAll(parseMetadata(field.getValue(), source));
            } else {
                tensors.put(field.getKey(), parseEntry(field.getKey(), field.getValue(), source));
            }
        }
        checkLayout(tensors.values(), dataLength, source);
        return new SafeTensorsHeader(tensors, metadata);
    }

    private static Map<String, String> parseMetadata(JsonNode node, String source) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(source + ": __metadata__ is not an object");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(
                        source + ": __metadata__ value of '" + e.getKey() + "' is not a string");
            }
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    private static TensorEntry parseEntry(String name, JsonNode node, String source) {
        String where = source + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " is not an object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new IllegalArgumentException(where + " has no dtype string");
        }
        SafeTensorsDType dtype =
                SafeTensorsDType.parse(dtypeNode.asText())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                where
                                                        + " has unknown dtype "
                                                        + dtypeNode.asText()));
        long[] dims = longs(node.get("shape"), -1, where + " shape");
        long[] offsets = longs(node.get("data_offsets"), 2, where + " data_offsets");
        if (offsets[1] < offsets[0]) {
            throw new IllegalArgumentException(
                    where
                            + " has data_offsets ["
                            + offsets[0]
                            + ", "
                            + offsets[1]
                            + "], end < begin");
        }
        long bytes;
        try {
            long count = 1;
            for (long d : dims) {
                count = Math.multiplyExact(count, d);
            }
            bytes = Math.multiplyExact(count, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(where + " has a shape too large to address", e);
        }
        if (bytes != offsets[1] - offsets[0]) {
            throw new IllegalArgumentException(
                    where
                            + ": "
                            + dtype
                            + " "
                            + new Shape(dims)
                            + " needs "
                            + bytes
                            + " bytes, data_offsets span "
                            + (offsets[1] - offsets[0]));
        }
        return new TensorEntry(name, dtype, new Shape(dims), offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers (of a given length, or any if length < 0). */
    private static long[] longs(JsonNode node, int length, String what) {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw new IllegalArgumentException(
                    what
                            + " must be an array"
                            + (length >= 0 ? " of " + length + " integers" : ""));
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw new IllegalArgumentException(what + " has an invalid entry " + v);
            }
            values[i] = v.asLong();
        }
        return values;
    }

    private static void checkLayout(
            Collection<TensorEntry> entries, long dataLength, String source) {
        List<TensorEntry> sorted = new ArrayList<>(entries);
        sorted.sort(
                Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        long position = 0;
        for (TensorEntry e : sorted) {
            if (e.end() > dataLength) {
                throw new IllegalArgumentException(
                        source
                                + ": tensor '"
                                + e.name()
                                + "' ends at byte "
                                + e.end()
                                + " of a data section of "
                                + dataLength
                                + " bytes");
            }
            if (e.begin() != position) {
                throw new IllegalArgumentException(
                        source
                                + ": tensor '"
                                + e.name()
                                + "' starts at byte "
                                + e.begin()
                                + (e.begin() < position ? ", overlapping" : ", leaving a hole")
                                + " (previous data ends at "
                                + position
                                + ")");
            }
            position = e.end();
        }
        if (position != dataLength) {
            throw new IllegalArgumentException(
                    source + ": tensors cover " + position + " of " + dataLength + " data bytes");
        }
    }
}
