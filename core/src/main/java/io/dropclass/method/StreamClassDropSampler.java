package io.dropclass.method;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A sampler over one injected stream that each draw advances, as the official code's single
 * generator; the iteration does not enter the draw. Not thread-safe.
 */
public final class StreamClassDropSampler implements ClassDropSampler {

    private final ClassDraw draw;
    private final SplittableRandom random;

    StreamClassDropSampler(ClassDraw draw, SplittableRandom random) {
        this.draw = Objects.requireNonNull(draw, "draw");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** {@inheritDoc} */
    @Override
    public DropDecision sample(int iteration, int epoch, double lambda, byte[][] labels) {
        return sample(epoch, lambda, labels);
    }

    /**
     * Draws the next decision from the stream.
     *
     * @param epoch e (recorded in the decision)
     * @param lambda λ = p(drop), in [0, 1]
     * @param labels the batch's B label maps
     * @return the decision
     */
    public DropDecision sample(int epoch, double lambda, byte[][] labels) {
        return draw.draw(random, epoch, lambda, labels);
    }
}
