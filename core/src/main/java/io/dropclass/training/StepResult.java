package io.dropclass.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one optimizer step reports.
 *
 * @param loss the total that was back-propagated
 * @param parts its named, weighted parts in the objective's order (their sum is the total)
 * @param diagnostics per-step figures that are not losses (DropClass: the dropped class, whether it
 *     was dropped, λ)
 * @param skipped the non-finite term that made the step skip its update, if it did
 */
public record StepResult(
        double loss,
        Map<String, Double> parts,
        Map<String, Double> diagnostics,
        Optional<NonFiniteTerm> skipped) {

    /** The history column of the total. */
    public static final String LOSS = "loss";
    /** The history column (value 1) of a skipped step. */
    public static final String SKIPPED = "skipped";

    /**
     * A loss term that was NaN or infinite.
     *
     * @param term the term's name ({@link #LOSS} for the total)
     * @param value its value
     */
    public record NonFiniteTerm(String term, double value) {}

    /** Copies the maps, keeping their order. */
    public StepResult {
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }

    /**
     * The first non-finite figure: the parts before the total.
     *
     * @return the term, or empty if the loss and every part are finite
     */
    public Optional<NonFiniteTerm> firstNonFinite() {
        for (Map.Entry<String, Double> e : parts.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                return Optional.of(new NonFiniteTerm(e.getKey(), e.getValue()));
            }
        }
        return Double.isFinite(loss) ? Optional.empty()
                : Optional.of(new NonFiniteTerm(LOSS, loss));
    }

    /**
     * The step as a history row: the total, the parts, the diagnostics, and {@link #SKIPPED} = 1
     * for a skipped step.
     *
     * @return the columns and their values, in that order
     */
    public Map<String, Double> row() {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put(LOSS, loss);
        row.putAll(parts);
        row.putAll(diagnostics);
        skipped.ifPresent(t -> row.put(SKIPPED, 1.0));
        return row;
    }
}
