package io.dropclass.reference;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.SafeTensorsDType;
import io.dropclass.model.weights.TensorData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes small reference case folders for tests. */
final class CaseFolder {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private CaseFolder() {}

    /** A valid case.json of an HRNet case, with a tolerance for each given entry. */
    static ObjectNode hrnetCaseJson(double tolerance, String... entries) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", "hrnetv2_w18_small_v1");
        root.put("num_classes", 19);
        root.put("ignore_label", 255);
        double[] weights = new double[19];
        Arrays.fill(weights, 1.0);
        root.putPOJO("class_weights", weights);
        root.put("epoch", 1);
        root.put("end_epoch", 2);
        root.put("alpha", 10.0);
        root.put("dropped_class", 3);
        ObjectNode tol = root.putObject("tolerance");
        for (String e : entries) {
            tol.put(e, tolerance);
        }
        return root;
    }

    static void writeJson(Path dir, ObjectNode root) throws IOException {
        Files.createDirectories(dir);
        MAPPER.writeValue(dir.resolve(ReferenceCase.CASE_FILE).toFile(), root);
    }

    /** Inputs x (B, 3, H, W) of zeros and labels (B, H, W) with the given values cycled. */
    static void writeInputs(Path dir, int b, int h, int w, long... labelValues) throws IOException {
        long[] labels = new long[b * h * w];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labelValues[i % labelValues.length];
        }
        Map<String, TensorData> inputs = new LinkedHashMap<>();
        inputs.put("x", floats(new Shape(b, 3, h, w), new float[b * 3 * h * w]));
        inputs.put("labels", longs(new Shape(b, h, w), labels));
        SafeTensors.writeTensors(dir.resolve(ReferenceCase.INPUTS_FILE), inputs, Map.of());
    }

    static void write(Path dir, String file, Map<String, TensorData> tensors) throws IOException {
        Files.createDirectories(dir);
        SafeTensors.writeTensors(dir.resolve(file), tensors, Map.of());
    }

    static TensorData floats(Shape shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new TensorData(SafeTensorsDType.F32, shape, b);
    }

    static TensorData longs(Shape shape, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new TensorData(SafeTensorsDType.I64, shape, b);
    }
}
