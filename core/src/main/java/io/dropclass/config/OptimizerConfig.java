package io.dropclass.config;

import static io.dropclass.config.ConfigException.require;

/**
 * SGD with momentum and weight decay (PyTorch's update rule), and a poly learning rate.
 *
 * @param lr base learning rate, used by the first step
 * @param momentum momentum factor (0 disables momentum)
 * @param weightDecay L2 penalty added to every parameter's gradient (BN and biases included, as the
 *     official code)
 * @param nesterov Nesterov momentum
 * @param polyPower exponent of the poly schedule lr·(1 − i/N)^power, applied per iteration
 */
public record OptimizerConfig(
        double lr, double momentum, double weightDecay, boolean nesterov, double polyPower) {

    /** Validates the values. */
    public OptimizerConfig {
        require(lr > 0 && Double.isFinite(lr), "lr", "got " + lr + "; use a positive number");
        require(momentum >= 0 && momentum < 1, "momentum",
                "got " + momentum + "; use a value in [0, 1)");
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight_decay",
                "got " + weightDecay + "; use a non-negative number");
        require(!nesterov || momentum > 0, "nesterov",
                "needs momentum > 0; set optimizer.momentum or nesterov=false");
        require(polyPower >= 0 && Double.isFinite(polyPower), "poly_power",
                "got " + polyPower + "; use a non-negative number");
    }

    /** Defaults: lr 0.01, momentum 0.9, weight decay 5e-4, poly power 0.9 (HRNet's recipe). */
    public static OptimizerConfig defaults() {
        return new OptimizerConfig(0.01, 0.9, 0.0005, false, 0.9);
    }
}
