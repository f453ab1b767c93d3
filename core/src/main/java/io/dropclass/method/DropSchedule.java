package io.dropclass.method;

import java.util.Objects;

/**
 * The linear DropClass schedule: λ, the weight of the drop-branch cross-entropy, which is also the
 * drop probability p (docs/method.md §6).
 *
 * <p>{@link Step#EPOCH} is the official schedule: λ = e/E with e the 0-based epoch and E the number
 * of epochs (the last epoch + 1), constant within an epoch; λ = 0 in epoch 0 and (E − 1)/E in the
 * last. {@link Step#ITERATION} is the finer variant λ = i/N with i the 0-based iteration of N
 * (docs/method.md §15.2: a summary of the paper says "over iterations").
 *
 * @param step what λ counts
 * @param length E (epochs) or N (iterations), at least 1
 */
public record DropSchedule(Step step, int length) {

    /** What the schedule counts. */
    public enum Step {
        /** λ = e/E, per epoch (official). */
        EPOCH,
        /** λ = i/N, per iteration. */
        ITERATION
    }

    /** Validates the fields. */
    public DropSchedule {
        Objects.requireNonNull(step, "step");
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive, got " + length);
        }
    }

    /**
     * The official schedule λ = e/E.
     *
     * @param endEpoch E, the number of epochs (official {@code END_EPOCH} = 968)
     * @return the schedule
     */
    public static DropSchedule perEpoch(int endEpoch) {
        return new DropSchedule(Step.EPOCH, endEpoch);
    }

    /**
     * The per-iteration schedule λ = i/N.
     *
     * @param iterations N, the number of training iterations
     * @return the schedule
     */
    public static DropSchedule perIteration(int iterations) {
        return new DropSchedule(Step.ITERATION, iterations);
    }

    /**
     * λ of one iteration, computed in double as the official {@code epoch / END_EPOCH}.
     *
     * @param epoch e, 0-based, below E for the per-epoch schedule
     * @param iteration i, 0-based, below N for the per-iteration schedule
     * @return λ in [0, 1)
     * @throws IllegalArgumentException if the counted index is negative or not below the length (λ
     *     would reach 1 or more and turn the plain cross-entropy's weight negative)
     */
    public double lambda(int epoch, int iteration) {
        int index = step == Step.EPOCH ? epoch : iteration;
        if (index < 0 || index >= length) {
            throw new IllegalArgumentException(
                    (step == Step.EPOCH ? "epoch " : "iteration ")
                            + index
                            + " is outside 0.."
                            + (length - 1)
                            + " of the DropClass schedule");
        }
        return (double) index / length;
    }
}
