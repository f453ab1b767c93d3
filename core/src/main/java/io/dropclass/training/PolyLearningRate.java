package io.dropclass.training;

/**
 * The poly schedule, per iteration: the step of iteration i (0-based) of N uses
 * {@code base · (1 − i/N)^power}. The first step uses the base rate, as HRNet's and the official
 * DropClass trainer (docs/method.md §13, §15.1).
 *
 * @param base the base learning rate
 * @param iterations N, the schedule length in steps
 * @param power the exponent (0.9 in HRNet)
 */
public record PolyLearningRate(double base, int iterations, double power) {

    /** Validates the values. */
    public PolyLearningRate {
        if (!(base > 0) || iterations <= 0 || power < 0) {
            throw new IllegalArgumentException("invalid poly schedule: base " + base
                    + ", iterations " + iterations + ", power " + power);
        }
    }

    /**
     * The learning rate of one step.
     *
     * @param iteration 0..N-1
     * @return the rate, never negative
     */
    public double at(int iteration) {
        double progress = Math.min(1.0, Math.max(0.0, (double) iteration / iterations));
        return base * Math.pow(1.0 - progress, power);
    }
}
