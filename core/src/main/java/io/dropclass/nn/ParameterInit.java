package io.dropclass.nn;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

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
        requireNonNegative("std", std);
        return eachDrawn(random -> random.nextGaussian() * std);
    }

    /**
     * Uniform distribution on [−bound, bound), PyTorch's default for convolution biases with bound
     * 1/√fan_in.
     *
     * @param bound the half-width of the interval
     * @return the initialiser
     */
    static ParameterInit uniform(double bound) {
        requireNonNegative("bound", bound);
        return eachDrawn(random -> (random.nextDouble() * 2 - 1) * bound);
    }

    /**
     * Every element drawn in turn, in row-major order, and rounded to float.
     *
     * @param draw one value from the parameter's random source
     * @return the initialiser
     */
    private static ParameterInit eachDrawn(ToDoubleFunction<SplittableRandom> draw) {
        return (shape, random) -> {
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) draw.applyAsDouble(random);
            }
            return values;
        };
    }

    private static void requireNonNegative(String what, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + value);
        }
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
