package io.dropclass.reference;

import io.dropclass.model.weights.TensorData;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking one reference case.
 *
 * @param caseName the case folder's name
 * @param model the case's model
 * @param mode how the case was run ({@link ReferenceMode#label()}, e.g. {@code float32
 *     contiguous})
 * @param verdict passed, failed or unsupported
 * @param message why it failed or is unsupported, beyond the entries; empty otherwise
 * @param entries one comparison per expected entry (in expected.safetensors order), then the
 *     cross-checks of case.json ({@code case.*})
 * @param actual the computed entries under the expected names and shapes (host copies), for {@link
 *     ReferenceOutputs}; empty when nothing was computed
 */
public record ReferenceResult(
        String caseName,
        String model,
        String mode,
        Verdict verdict,
        String message,
        List<EntryComparison> entries,
        Map<String, TensorData> actual) {

    /** The overall verdict. */
    public enum Verdict {
        /** Every entry within its tolerance. */
        PASSED,
        /** At least one entry failed, or the case could not be run with this model. */
        FAILED,
        /** This project cannot build the case's model (yet). */
        UNSUPPORTED
    }

    /** Checks the fields and copies the collections. */
    public ReferenceResult {
        Objects.requireNonNull(caseName, "caseName");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
        entries = List.copyOf(entries);
        actual = Collections.unmodifiableMap(new LinkedHashMap<>(actual));
    }

    /**
     * The result of a case whose model cannot be built.
     *
     * @param referenceCase the case
     * @param mode the mode it was to run in
     * @param reason one line
     * @return the result, verdict UNSUPPORTED
     */
    public static ReferenceResult unsupported(
            ReferenceCase referenceCase, ReferenceMode mode, String reason) {
        return new ReferenceResult(
                referenceCase.name(),
                referenceCase.model(),
                mode.label(),
                Verdict.UNSUPPORTED,
                reason,
                List.of(),
                Map.of());
    }

    /**
     * Whether every entry passed.
     *
     * @return verdict == PASSED
     */
    public boolean passed() {
        return verdict == Verdict.PASSED;
    }

    /**
     * The failed entries.
     *
     * @return the comparisons that did not pass, in entry order
     */
    public List<EntryComparison> failures() {
        return entries.stream().filter(e -> !e.passed()).toList();
    }

    /**
     * The entry closest to (or furthest beyond) its tolerance; a failure without a difference comes
     * first.
     *
     * @return the worst entry, or empty when there are none
     */
    public Optional<EntryComparison> worst() {
        return entries.stream().max(WORST_LAST);
    }

    /** Orders comparisons from best to worst: passing by ratio, then failing by ratio, NaN last. */
    static final Comparator<EntryComparison> WORST_LAST =
            Comparator.comparing((EntryComparison e) -> !e.passed())
                    .thenComparing(e -> Double.isNaN(e.ratio()))
                    .thenComparingDouble(e -> Double.isNaN(e.ratio()) ? 0 : e.ratio());
}
