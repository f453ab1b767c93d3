package io.dropclass.method;

import io.dropclass.nn.SeedMixer;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The training sampler: the draws of iteration i come from a fresh generator seeded with a mix of
 * (seed, i), so a run resumed at any iteration draws the same decisions as an uninterrupted one,
 * with no random state to save.
 *
 * @param draw which classes, per batch or per image
 * @param seed the seed of the class-drop stream
 */
public record SeededClassDropSampler(ClassDraw draw, long seed) implements ClassDropSampler {

    /** The seed of iteration n's generator. */
    private static final SeedMixer MIXER =
            new SeedMixer(0xBF58476D1CE4E5B9L, 31, 0x94D049BB133111EBL);

    /** Checks the draw. */
    public SeededClassDropSampler {
        Objects.requireNonNull(draw, "draw");
    }

    /**
     * The seed of the generator of one iteration.
     *
     * @param seed the sampler's seed
     * @param iteration the 0-based iteration
     * @return the seed of that iteration's generator
     */
    public static long iterationSeed(long seed, long iteration) {
        return MIXER.mix(seed, iteration);
    }

    /** {@inheritDoc} */
    @Override
    public DropDecision sample(int iteration, int epoch, double lambda, byte[][] labels) {
        return draw.draw(new SplittableRandom(iterationSeed(seed, iteration)), epoch, lambda,
                labels);
    }
}
