package io.dropclass.training;

/**
 * What a NaN or infinite loss does ({@code train.on_nonfinite}).
 *
 * @param skip true to skip the step (no update, BatchNorm statistics put back), false to stop the
 *     run
 * @param maxSkipped with skip: how many skipped steps a run tolerates before it stops
 */
public record NonFinitePolicy(boolean skip, int maxSkipped) {

    /** Stop at the first non-finite loss. */
    public static final NonFinitePolicy STOP = new NonFinitePolicy(false, 0);

    /**
     * Skip up to {@code maxSkipped} steps.
     *
     * @param maxSkipped the budget of skipped steps
     * @return the policy
     */
    public static NonFinitePolicy skip(int maxSkipped) {
        return new NonFinitePolicy(true, maxSkipped);
    }
}
