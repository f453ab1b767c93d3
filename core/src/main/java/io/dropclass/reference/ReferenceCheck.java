package io.dropclass.reference;

import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.SafeTensorsDType;
import io.dropclass.model.weights.TensorData;
import io.dropclass.reference.ReferenceResult.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what a replay of a reference case computed ({@link Replayed}) with the case's expected
 * entries, each within its tolerance for the mode the replay ran in ({@link ReferenceMode}). The
 * replay itself is the training step that {@code train} runs (the experiment package's reference
 * replay builds it as training does); this class needs no engine.
 *
 * <pre>
 *   train forward (forced z)  → loss, logits, logits_drop, after_train_forward.*
 *   backward                  → grad.*            (every trainable parameter)
 *   eval forward (all kept)   → eval_logits
 * </pre>
 *
 * <p>Cross-checks from case.json are appended as {@code case.parameters} (the trainable parameter
 * count, exact) and {@code case.loss_parts.*} (the weighted loss parts, with the tolerance of
 * {@code loss}; float32 modes only, as case.json's parts are the float32 run's).
 */
public final class ReferenceCheck {

    /** case.json's loss part → the objective's part. */
    private static final Map<String, String> PARTS =
            Map.of(
                    "semantic_weighted", "ce",
                    "semantic_drop_weighted", "drop",
                    "suppression_weighted", "sup");

    private ReferenceCheck() {}

    /**
     * What a replay computed.
     *
     * @param entries entry name → host copy ({@code loss}, {@code logits}, {@code logits_drop},
     *     {@code after_train_forward.*}, {@code grad.*}, {@code eval_logits}, ...), F32 or F64
     * @param parts the loss parts as the objective names them ({@code ce}, {@code drop}, {@code
     *     sup}, ...)
     * @param parameterCount the network's trainable parameter count
     */
    public record Replayed(
            Map<String, TensorData> entries, Map<String, Double> parts, long parameterCount) {

        /** Copies the maps. */
        public Replayed {
            entries = new LinkedHashMap<>(entries);
            parts = new LinkedHashMap<>(parts);
        }
    }

    /**
     * Compares a replay with a case's expected entries in one mode.
     *
     * @param referenceCase the case
     * @param mode the mode the replay ran in
     * @param replayed what it computed
     * @return the result: one comparison per expected entry, then the cross-checks
     * @throws IOException if the expected file cannot be read
     */
    public static ReferenceResult compare(
            ReferenceCase referenceCase, ReferenceMode mode, Replayed replayed)
            throws IOException {
        Map<String, TensorData> expected =
                SafeTensors.readTensors(referenceCase.file(mode.expectedFile()));
        List<EntryComparison> entries = new ArrayList<>();
        Map<String, TensorData> actual = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : referenceCase.tolerances(mode).entrySet()) {
            String name = e.getKey();
            TensorData want = expected.get(name);
            TensorData got = replayed.entries().get(name);
            if (got != null && got.shape().size() == want.shape().size()) {
                got = new TensorData(got.dtype(), want.shape(), got.data()); // e.g. () → (1)
                actual.put(name, got);
            }
            entries.add(compareEntry(name, e.getValue(), want, got));
        }
        entries.addAll(crossChecks(referenceCase, mode, replayed));
        boolean passed = entries.stream().allMatch(EntryComparison::passed);
        return new ReferenceResult(
                referenceCase.name(),
                referenceCase.model(),
                mode.label(),
                passed ? Verdict.PASSED : Verdict.FAILED,
                "",
                entries,
                actual);
    }

    /**
     * A result for a case that could not be replayed (e.g. weights that do not fit).
     *
     * @param referenceCase the case
     * @param mode the mode
     * @param message one line naming the file and the problem
     * @return a failed result without entries
     */
    public static ReferenceResult failed(
            ReferenceCase referenceCase, ReferenceMode mode, String message) {
        return new ReferenceResult(referenceCase.name(), referenceCase.model(), mode.label(),
                Verdict.FAILED, message, List.of(), Map.of());
    }

    /**
     * Compares one entry.
     *
     * @param name the entry
     * @param tolerance its tolerance
     * @param expected the reference values, F32 or F64
     * @param actual the computed values (F32 or F64), or null when not produced
     * @return the comparison
     */
    static EntryComparison compareEntry(
            String name, double tolerance, TensorData expected, TensorData actual) {
        if (actual == null) {
            return EntryComparison.failure(name, tolerance, "not produced");
        }
        if (!isFloat(expected.dtype()) || !isFloat(actual.dtype())) {
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
                name, maxAbsDiff(actual.toDoubleArray(), expected.toDoubleArray()), tolerance);
    }

    private static boolean isFloat(SafeTensorsDType dtype) {
        return dtype == SafeTensorsDType.F32 || dtype == SafeTensorsDType.F64;
    }

    /**
     * max |a − b|; equal values (infinities, NaN against NaN) differ by 0, NaN against a number is
     * NaN.
     */
    static double maxAbsDiff(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i] || (Double.isNaN(a[i]) && Double.isNaN(b[i]))) {
                continue;
            }
            double d = Math.abs(a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            max = Math.max(max, d);
        }
        return max;
    }

    private static List<EntryComparison> crossChecks(
            ReferenceCase referenceCase, ReferenceMode mode, Replayed replayed) {
        List<EntryComparison> checks = new ArrayList<>();
        referenceCase
                .parameterCount()
                .ifPresent(n -> checks.add(EntryComparison.of("case.parameters",
                        Math.abs((double) replayed.parameterCount() - n), 0)));
        Double lossTolerance = referenceCase.tolerances(mode).get("loss");
        if (lossTolerance == null || mode.float64()) {
            return checks;
        }
        referenceCase
                .lossParts()
                .forEach(
                        (name, value) -> {
                            String ours = PARTS.get(name);
                            if (ours != null && replayed.parts().containsKey(ours)) {
                                checks.add(
                                        EntryComparison.of(
                                                "case.loss_parts." + name,
                                                Math.abs(replayed.parts().get(ours) - value),
                                                lossTolerance));
                            }
                        });
        return checks;
    }
}
