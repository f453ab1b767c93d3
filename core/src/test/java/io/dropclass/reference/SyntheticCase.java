package io.dropclass.reference;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropclass.method.DropClassNetwork;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import io.dropclass.model.weights.StateDict;
import io.dropclass.model.weights.TensorData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes an HRNet case made by this project itself (seeded weights, random input, zero expected
 * values with huge tolerances): it checks that a model, input size or dropped class runs through
 * and produces every entry, not that the values are right.
 */
final class SyntheticCase {

    private SyntheticCase() {}

    static Map<String, TensorData> write(Path dir, HrNetSpec spec, int dropped, int h, int w)
            throws IOException {
        Map<String, TensorData> expected = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DropClassNetwork network = DropClassNetwork.wrap(HrNet.create(spec, 19));
            network.initializeParameters(manager, 3);
            keepActivationScale(network);
            Map<String, TensorData> weights = new LinkedHashMap<>();
            StateDict.export(network, manager).forEach((n, a) -> weights.put(n, TensorData.of(a)));
            for (Map.Entry<String, Parameter> e : network.namedParameters().entrySet()) {
                String name = e.getKey();
                Shape shape = e.getValue().getShape();
                if (name.endsWith(".running_mean")) {
                    String bn = name.substring(0, name.length() - ".running_mean".length());
                    weights.put(
                            bn + ".num_batches_tracked",
                            CaseFolder.longs(new Shape(), new long[1]));
                }
                String prefix = e.getValue().requiresGradient() ? "grad." : "after_train_forward.";
                expected.put(prefix + name, zeros(shape));
            }
            CaseFolder.write(dir, ReferenceCase.WEIGHTS_FILE, weights);
            Shape logits = network.getOutputShapes(new Shape[] {new Shape(2, 3, h, w)})[0];
            expected.put("loss", zeros(new Shape(1)));
            expected.put("logits", zeros(logits));
            expected.put("logits_drop", zeros(logits));
            expected.put("eval_logits", zeros(logits));
            CaseFolder.write(dir, ReferenceCase.EXPECTED_FILE, expected);
            Map<String, TensorData> inputs = new LinkedHashMap<>();
            float[] x = new float[2 * 3 * h * w];
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            inputs.put("x", CaseFolder.floats(new Shape(2, 3, h, w), x));
            long[] labels = new long[2 * h * w];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = new long[] {0, 1, 2, 255}[i % 4];
            }
            inputs.put("labels", CaseFolder.longs(new Shape(2, h, w), labels));
            CaseFolder.write(dir, ReferenceCase.INPUTS_FILE, inputs);
            ObjectNode json =
                    CaseFolder.hrnetCaseJson(1e30, expected.keySet().toArray(String[]::new));
            json.put("model", "hrnetv2_" + spec.name().substring("hrnet_".length()));
            json.put("epoch", 5);
            json.put("end_epoch", 10);
            json.put("dropped_class", dropped);
            json.put("parameters", network.trainableParameterCount());
            CaseFolder.writeJson(dir, json);
        }
        return expected;
    }

    /**
     * Rescales conv weights to std 1/√fan_in: with N(0, 0.001²) weights and fresh running
     * statistics (0, 1) the eval forward shrinks activations into float denormals, which makes the
     * CPU kernels many times slower.
     */
    private static void keepActivationScale(DropClassNetwork network) {
        for (Parameter p : network.namedParameters().values()) {
            Shape shape = p.getShape();
            if (shape.dimension() == 4) {
                long fanIn = shape.get(1) * shape.get(2) * shape.get(3);
                p.getArray().muli((float) (1 / (0.001 * Math.sqrt(fanIn))));
            }
        }
    }

    static void setTolerances(Path dir, Collection<String> names, double tolerance)
            throws IOException {
        Path file = dir.resolve(ReferenceCase.CASE_FILE);
        ObjectNode json = (ObjectNode) CaseFolder.MAPPER.readTree(file.toFile());
        ObjectNode tol = json.putObject("tolerance");
        names.forEach(n -> tol.put(n, tolerance));
        CaseFolder.writeJson(dir, json);
    }

    private static TensorData zeros(Shape shape) {
        return CaseFolder.floats(shape, new float[Math.toIntExact(shape.size())]);
    }
}
