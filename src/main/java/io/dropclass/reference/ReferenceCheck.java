package io.dropclass.reference;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import io.dropclass.method.DropClassNetwork;
import io.dropclass.model.DeepLabV3;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.SafeTensorsDType;
import io.dropclass.model.weights.StateDict;
import io.dropclass.model.weights.TensorData;
import io.dropclass.nn.BilinearResize;
import io.dropclass.reference.ReferenceResult.Verdict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a reference case ({@code fixtures/reference/README.md}): builds the case's model with the
 * DropClass head, loads its weights strictly (only {@code num_batches_tracked} may be left over),
 * replays one training step with the case's epoch, end epoch, α, class weights and forced dropped
 * class, and compares every entry of expected.safetensors with its tolerance. An entry this
 * implementation cannot produce fails. Runs on the CPU in float32, as the references were made.
 *
 * <pre>
 *   train forward (forced z)  → loss, logits, logits_drop, after_train_forward.*
 *   backward                  → grad.*            (every trainable parameter)
 *   eval forward (all kept)   → eval_logits
 * </pre>
 *
 * <p>A {@code deeplabv3_mobilenet_v3_large} case (torchvision) has no DropClass step: the plain
 * {@link DeepLabV3} is loaded strictly, then an eval forward gives {@code eval_logits_upsampled}
 * and one training-mode forward the {@code after_train_forward.*} running statistics.
 *
 * <p>Cross-checks from case.json are appended as {@code case.parameters} (the trainable parameter
 * count, exact) and {@code case.loss_parts.*} (the weighted loss parts, with the tolerance of
 * {@code loss}).
 */
public final class ReferenceCheck {

    private static final String BATCHES_TRACKED = ".num_batches_tracked";

    /** case.json's loss part → the objective's part. */
    private static final Map<String, String> PARTS =
            Map.of(
                    "semantic_weighted", "ce",
                    "semantic_drop_weighted", "drop",
                    "suppression_weighted", "sup");

    private ReferenceCheck() {}

    /**
     * Checks a case with arrays of its own.
     *
     * @param referenceCase the loaded case
     * @return the result
     * @throws IOException if a case file cannot be read
     * @throws IllegalArgumentException if an input is invalid (the message names the file)
     */
    public static ReferenceResult run(ReferenceCase referenceCase) throws IOException {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            return run(referenceCase, manager);
        }
    }

    /**
     * Checks a case; every array lives in a sub-manager closed before returning.
     *
     * @param referenceCase the loaded case
     * @param manager the parent manager
     * @return the result
     * @throws IOException if a case file cannot be read
     * @throws IllegalArgumentException if an input is invalid (the message names the file)
     */
    public static ReferenceResult run(ReferenceCase referenceCase, NDManager manager)
            throws IOException {
        if (ReferenceModels.isDeepLabV3MobileNetV3Large(referenceCase.model())) {
            return runDeepLab(referenceCase, manager);
        }
        Optional<HrNetSpec> spec = ReferenceModels.hrNetSpec(referenceCase.model());
        Optional<ReferenceStep> step = referenceCase.step();
        if (spec.isEmpty() || step.isEmpty()) {
            return ReferenceResult.unsupported(
                    referenceCase, ReferenceModels.unsupportedReason(referenceCase.model()));
        }
        try (NDManager scope = manager.newSubManager(Device.cpu())) {
            DropClassNetwork network =
                    DropClassNetwork.builder(HrNet.create(spec.get(), step.get().numClasses()))
                            .optBatchNormEps(step.get().bnEps())
                            .optBatchNormMomentum(step.get().bnMomentum())
                            .build();
            network.initializeParameters(scope, 0);
            Optional<String> loadError = loadWeights(network, referenceCase, scope);
            if (loadError.isPresent()) {
                return new ReferenceResult(
                        referenceCase.name(),
                        referenceCase.model(),
                        Verdict.FAILED,
                        loadError.get(),
                        List.of(),
                        Map.of());
            }
            Path inputsFile = referenceCase.file(ReferenceCase.INPUTS_FILE);
            Map<String, TensorData> inputs = SafeTensors.readTensors(inputsFile);
            byte[][] labels =
                    StepReplay.labels(inputs.get("labels"), step.get().numClasses(), inputsFile);
            NDArray images = inputs.get("x").toNDArray(scope); // (B, 3, H, W)
            StepReplay.Outputs outputs =
                    StepReplay.replay(network, step.get(), images, labels, scope);
            return compare(referenceCase, network.trainableParameterCount(), outputs);
        }
    }

    /**
     * A torchvision DeepLabV3 case: eval forward first (→ {@code eval_logits_upsampled}, logits
     * bilinearly upsampled to the input size, align_corners false), then one training-mode forward
     * (→ {@code after_train_forward.*}, every BatchNorm running statistic). The order is the
     * reference's: its eval logits were computed with the loaded running statistics. The training
     * forward's dropout mask comes from {@link DeepLabV3#initializeParameters} with seed 0; the
     * reference's was drawn from PyTorch's generator and cannot be reproduced, which only {@code
     * classifier.2}'s statistics see (their tolerances in case.json allow for it).
     */
    private static ReferenceResult runDeepLab(ReferenceCase referenceCase, NDManager manager)
            throws IOException {
        if (referenceCase.numClasses().isEmpty()) {
            return new ReferenceResult(
                    referenceCase.name(),
                    referenceCase.model(),
                    Verdict.FAILED,
                    referenceCase.file(ReferenceCase.CASE_FILE) + ": needs 'num_classes'",
                    List.of(),
                    Map.of());
        }
        try (NDManager scope = manager.newSubManager(Device.cpu())) {
            DeepLabV3 network = DeepLabV3.mobileNetV3Large(referenceCase.numClasses().getAsInt());
            network.initializeParameters(scope, 0);
            Optional<String> loadError = loadWeights(network, referenceCase, scope);
            if (loadError.isPresent()) {
                return new ReferenceResult(
                        referenceCase.name(),
                        referenceCase.model(),
                        Verdict.FAILED,
                        loadError.get(),
                        List.of(),
                        Map.of());
            }
            Map<String, TensorData> inputs =
                    SafeTensors.readTensors(referenceCase.file(ReferenceCase.INPUTS_FILE));
            NDArray images = inputs.get("x").toNDArray(scope); // (B, 3, H, W)
            int height = Math.toIntExact(images.getShape().get(2));
            int width = Math.toIntExact(images.getShape().get(3));
            Map<String, TensorData> entries = new LinkedHashMap<>();
            ParameterStore ps = new ParameterStore(scope, false);
            try (NDList eval = network.forward(ps, new NDList(images), false);
                    NDArray upsampled = // (B, K, H, W)
                            BilinearResize.resize(eval.singletonOrThrow(), height, width, false)) {
                entries.put("eval_logits_upsampled", StepReplay.snapshot(upsampled));
            }
            try (NDList ignored = network.forward(ps, new NDList(images), true)) {
                network.namedParameters()
                        .forEach(
                                (name, p) -> {
                                    if (p.getType() == Parameter.Type.RUNNING_MEAN
                                            || p.getType() == Parameter.Type.RUNNING_VAR) {
                                        entries.put(
                                                "after_train_forward." + name,
                                                StepReplay.snapshot(p.getArray()));
                                    }
                                });
            }
            return compare(
                    referenceCase,
                    network.trainableParameterCount(),
                    new StepReplay.Outputs(entries, Map.of()));
        }
    }

    /** Loads the weights strictly; returns the mismatch, if any. */
    private static Optional<String> loadWeights(
            SegmentationNetwork network, ReferenceCase referenceCase, NDManager manager)
            throws IOException {
        Path file = referenceCase.file(ReferenceCase.WEIGHTS_FILE);
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> state = new LinkedHashMap<>(SafeTensors.read(file, scratch));
            state.keySet().removeIf(name -> name.endsWith(BATCHES_TRACKED));
            StateDict.load(network.namedParameters(), state, true, manager);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(
                    file + " does not fit " + referenceCase.model() + ": " + e.getMessage());
        }
    }

    private static ReferenceResult compare(
            ReferenceCase referenceCase, long parameterCount, StepReplay.Outputs outputs)
            throws IOException {
        Map<String, TensorData> expected =
                SafeTensors.readTensors(referenceCase.file(ReferenceCase.EXPECTED_FILE));
        List<EntryComparison> entries = new ArrayList<>();
        Map<String, TensorData> actual = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : referenceCase.tolerances().entrySet()) {
            String name = e.getKey();
            TensorData want = expected.get(name);
            TensorData got = outputs.entries().get(name);
            if (got != null && got.shape().size() == want.shape().size()) {
                got = new TensorData(got.dtype(), want.shape(), got.data()); // e.g. () → (1)
                actual.put(name, got);
            }
            entries.add(compareEntry(name, e.getValue(), want, got));
        }
        entries.addAll(crossChecks(referenceCase, parameterCount, outputs.parts()));
        boolean passed = entries.stream().allMatch(EntryComparison::passed);
        return new ReferenceResult(
                referenceCase.name(),
                referenceCase.model(),
                passed ? Verdict.PASSED : Verdict.FAILED,
                "",
                entries,
                actual);
    }

    /**
     * Compares one entry.
     *
     * @param name the entry
     * @param tolerance its tolerance
     * @param expected the reference values
     * @param actual the computed values, or null when not produced
     * @return the comparison
     */
    static EntryComparison compareEntry(
            String name, double tolerance, TensorData expected, TensorData actual) {
        if (actual == null) {
            return EntryComparison.failure(name, tolerance, "not produced");
        }
        if (expected.dtype() != SafeTensorsDType.F32 || actual.dtype() != SafeTensorsDType.F32) {
            return EntryComparison.failure(
                    name,
                    tolerance,
                    "cannot compare " + actual.dtype() + " with " + expected.dtype());
        }
        if (actual.shape().size() != expected.shape().size()) {
            return EntryComparison.failure(
                    name, tolerance, "shape " + actual.shape() + ", expected " + expected.shape());
        }
        return EntryComparison.of(
                name, maxAbsDiff(actual.toFloatArray(), expected.toFloatArray()), tolerance);
    }

    /**
     * max |a − b|; equal values (infinities, NaN against NaN) differ by 0, NaN against a number is
     * NaN.
     */
    static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i] || (Float.isNaN(a[i]) && Float.isNaN(b[i]))) {
                continue;
            }
            double d = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            max = Math.max(max, d);
        }
        return max;
    }

    private static List<EntryComparison> crossChecks(
            ReferenceCase referenceCase, long parameterCount, Map<String, Double> parts) {
        List<EntryComparison> checks = new ArrayList<>();
        referenceCase
                .parameterCount()
                .ifPresent(
                        n ->
                                checks.add(
                                        EntryComparison.of(
                                                "case.parameters",
                                                Math.abs((double) parameterCount - n),
                                                0)));
        Double lossTolerance = referenceCase.tolerances().get("loss");
        if (lossTolerance == null) {
            return checks;
        }
        referenceCase
                .lossParts()
                .forEach(
                        (name, value) -> {
                            String ours = PARTS.get(name);
                            if (ours != null && parts.containsKey(ours)) {
                                checks.add(
                                        EntryComparison.of(
                                                "case.loss_parts." + name,
                                                Math.abs(parts.get(ours) - value),
                                                lossTolerance));
                            }
                        });
        return checks;
    }
}
