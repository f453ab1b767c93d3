package io.dropclass.method;

import java.util.SplittableRandom;

/**
 * Draws, per iteration, the class z to drop and whether to drop it (docs/method.md §7): z first,
 * then u uniform in [0, 1); z is dropped iff u ≤ p, p = λ of the iteration, as the official code
 * draws them. Three sources of the draws:
 *
 * <ul>
 *   <li>{@link #seeded}: iteration i draws from a fresh generator seeded with a mix of (seed, i),
 *       so a decision is a pure function of the seed and the iteration and a resumed run draws
 *       exactly what an uninterrupted run draws (training);
 *   <li>{@link #of} and {@link #official}: one injected stream that each draw advances (the
 *       official code's single generator);
 *   <li>{@link #forced}: no randomness; one class dropped at every step, or none (the benchmark's
 *       worst case, the reference cases).
 * </ul>
 *
 * <p>Which classes z is drawn from, and per batch or per image, is a {@link ClassDraw}.
 */
public sealed interface ClassDropSampler
        permits SeededClassDropSampler, StreamClassDropSampler, ForcedClassDropSampler {

    /**
     * Draws the decision of one iteration with p = λ.
     *
     * @param iteration the 0-based iteration of the batch (a stream sampler ignores it)
     * @param epoch e (recorded in the decision)
     * @param lambda λ = p(drop), in [0, 1]
     * @param labels the batch's B label maps (unsigned bytes, ignore = 255); read only for the
     *     present-class option and the number of images
     * @return the decision
     */
    DropDecision sample(int iteration, int epoch, double lambda, byte[][] labels);

    /**
     * The official sampler: one z for the batch, uniform over all K classes, from one stream.
     *
     * @param numClasses K
     * @param random the seeded random source (owned by the sampler from now on)
     * @return the sampler
     */
    static StreamClassDropSampler official(int numClasses, SplittableRandom random) {
        return of(numClasses, random, SamplingUnit.BATCH, false);
    }

    /**
     * A stream sampler with the options.
     *
     * @param numClasses K
     * @param random the seeded random source (owned by the sampler from now on)
     * @param unit one z per batch (official) or per image
     * @param presentClassesOnly true to draw z among the classes present in the batch (per image:
     *     in the image)
     * @return the sampler
     */
    static StreamClassDropSampler of(
            int numClasses, SplittableRandom random, SamplingUnit unit,
            boolean presentClassesOnly) {
        return new StreamClassDropSampler(
                new ClassDraw(numClasses, unit, presentClassesOnly), random);
    }

    /**
     * A sampler whose draws of iteration i are a pure function of (seed, i).
     *
     * @param numClasses K
     * @param seed the seed of the class-drop stream
     * @param unit one z per batch (official) or per image
     * @param presentClassesOnly true to draw z among the classes present in the batch
     * @return the sampler
     */
    static SeededClassDropSampler seeded(
            int numClasses, long seed, SamplingUnit unit, boolean presentClassesOnly) {
        return new SeededClassDropSampler(new ClassDraw(numClasses, unit, presentClassesOnly),
                seed);
    }

    /**
     * A sampler without randomness that always drops one class, whatever λ is, or never drops.
     *
     * @param numClasses K
     * @param droppedClass z in [0, K), or −1 to never drop
     * @return the sampler
     */
    static ForcedClassDropSampler forced(int numClasses, int droppedClass) {
        return new ForcedClassDropSampler(numClasses, droppedClass);
    }
}
