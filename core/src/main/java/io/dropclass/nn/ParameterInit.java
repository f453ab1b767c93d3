package io.dropclass.nn;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How a parameter's initial values are drawn, from a seeded {@link SplittableRandom} so that an
 * initialisation is reproducible on every engine and device.
 */
@FunctionalInterface
public interface ParameterInit {

    /**
     * Draws the initial values of a parameter.
     *
     * @param shape the parameter's shape
     * @param random the random source of this parameter alone
     * @return {@code shape.size()} values in row-major order
     */
    float[] sample(Shape shape, SplittableRandom random);

    /**
     * Normal distribution N(0, std²), the official HRNet convolution init (std 0.001).
     *
     * @param std the standard deviation
     * @return the initialiser
     */
    static ParameterInit normal(double std) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("std must be >= 0, got " + std);
        }
        return (shape, random) -> {
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
            return values;
        };
    }

    /**
     * Uniform distribution on [−bound, bound), PyTorch's default for convolution biases with bound
     * 1/√fan_in.
     *
     * @param bound the half-width of the interval
     * @return the initialiser
     */
    static ParameterInit uniform(double bound) {
        if (!(bound >= 0)) {
            throw new IllegalArgumentException("bound must be >= 0, got " + bound);
        }
        return (shape, random) -> {
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            return values;
        };
    }

    /**
     * A constant (BatchNorm γ = 1, β = 0, running mean 0, running variance 1).
     *
     * @param value the value of every element
     * @return the initialiser
     */
    static ParameterInit constant(float value) {
        return (shape, random) -> {
            float[] values = new float[Math.toIntExact(shape.size())];
            Arrays.fill(values, value);
            return values;
        };
    }
}
