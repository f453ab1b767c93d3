package io.dropclass.method;

import io.dropclass.data.ClassCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws the class z to drop and whether to drop it (docs/method.md §7.1): z uniform over the K classes,
 * then u uniform in [0, 1); z is dropped iff u ≤ p, p = λ of the iteration. The official code draws
 * z first and u second, one pair per iteration; so does this sampler.
 *
 * <p>Options (deviations from the official code, docs/method.md §7.2, §7.3, §15.2): sample z only among the
 * classes present in the batch; sample one z per image ({@link SamplingUnit#IMAGE}: B draws of z,
 * then one u for the batch). A batch or image without any labelled pixel falls back to all K
 * classes.
 *
 * <p>Random source: either a seed ({@link #seeded}), from which the draws of iteration i come from a
 * fresh generator seeded with a mix of (seed, i), so the decision of an iteration is a pure function
 * of the seed and the iteration and a resumed run draws exactly what an uninterrupted run draws; or
 * an injected stream ({@link #of}), which each draw advances. The sampler is not thread-safe.
 */
public final class ClassDropSampler {

    private static final int NOT_FORCED = Integer.MIN_VALUE;

    private final int numClasses;
    /** The stream of {@link #of}; null for a seeded or forced sampler. */
    private final SplittableRandom random;
    /** The seed of {@link #seeded}, or null. */
    private final Long seed;
    private final SamplingUnit unit;
    private final boolean presentClassesOnly;
    private final int forcedClass;

    private ClassDropSampler(
            int numClasses,
            SplittableRandom random,
            SamplingUnit unit,
            boolean presentClassesOnly,
            int forcedClass,
            Long seed) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.random = random;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.presentClassesOnly = presentClassesOnly;
        this.forcedClass = forcedClass;
        this.seed = seed;
    }

    /**
     * The official sampler: one z for the batch, uniform over all K classes.
     *
     * @param numClasses K
     * @param random the seeded random source (owned by the sampler from now on)
     * @return the sampler
     */
    public static ClassDropSampler official(int numClasses, SplittableRandom random) {
        return new ClassDropSampler(
                numClasses,
                Objects.requireNonNull(random, "random"),
                SamplingUnit.BATCH,
                false,
                NOT_FORCED,
                null);
    }

    /**
     * A sampler with the options.
     *
     * @param numClasses K
     * @param random the seeded random source (owned by the sampler from now on)
     * @param unit one z per batch (official) or per image
     * @param presentClassesOnly true to draw z among the classes present in the batch (per image:
     *     in the image)
     * @return the sampler
     */
    public static ClassDropSampler of(
            int numClasses,
            SplittableRandom random,
            SamplingUnit unit,
            boolean presentClassesOnly) {
        return new ClassDropSampler(
                numClasses,
                Objects.requireNonNull(random, "random"),
                unit,
                presentClassesOnly,
                NOT_FORCED,
                null);
    }

    /**
     * A sampler whose draws of iteration i are a pure function of (seed, i): a fresh generator per
     * iteration, z drawn first and u second as in the official code. A run resumed at any iteration
     * draws the same decisions as an uninterrupted one, with no random state to save.
     *
     * @param numClasses K
     * @param seed the seed of the class-drop stream
     * @param unit one z per batch (official) or per image
     * @param presentClassesOnly true to draw z among the classes present in the batch
     * @return the sampler
     */
    public static ClassDropSampler seeded(
            int numClasses, long seed, SamplingUnit unit, boolean presentClassesOnly) {
        return new ClassDropSampler(numClasses, null, unit, presentClassesOnly, NOT_FORCED, seed);
    }

    /**
     * The seed of the generator of one iteration of a {@link #seeded} sampler.
     *
     * @param seed the sampler's seed
     * @param iteration the 0-based iteration
     * @return the seed of that iteration's generator
     */
    public static long iterationSeed(long seed, long iteration) {
        long x = seed * 0x9E3779B97F4A7C15L + (iteration + 1) * 0xBF58476D1CE4E5B9L;
        x ^= x >>> 31;
        x *= 0x94D049BB133111EBL;
        return x ^ (x >>> 29);
    }

    /**
     * A sampler without randomness that always drops one class, whatever λ is (or never drops), as
     * the reference cases and cost measurements need.
     *
     * @param numClasses K
     * @param droppedClass z in [0, K), or −1 to never drop
     * @return the sampler
     */
    public static ClassDropSampler forced(int numClasses, int droppedClass) {
        if (droppedClass < -1 || droppedClass >= numClasses) {
            throw new IllegalArgumentException(
                    "droppedClass must be -1 or in 0.."
                            + (numClasses - 1)
                            + ", got "
                            + droppedClass);
        }
        return new ClassDropSampler(
                numClasses, null, SamplingUnit.BATCH, false, droppedClass, null);
    }

    /**
     * Draws the decision of one iteration with p = λ from an injected stream ({@link #of}, {@link
     * #official}) or a forced class.
     *
     * @param epoch e (recorded in the decision)
     * @param lambda λ = p(drop), in [0, 1]
     * @param labels the batch's B label maps (unsigned bytes, ignore = 255); read only for the
     *     present-class option and the number of images
     * @return the decision
     * @throws IllegalStateException for a {@link #seeded} sampler, which needs the iteration
     */
    public DropDecision sample(int epoch, double lambda, byte[][] labels) {
        if (seed != null) {
            throw new IllegalStateException("a seeded sampler draws per iteration: pass it");
        }
        return sample(0, epoch, lambda, labels);
    }

    /**
     * Draws the decision of one iteration with p = λ. A {@link #seeded} sampler draws from the
     * generator of (seed, iteration); a stream sampler ignores the iteration and advances its
     * stream.
     *
     * @param iteration the 0-based iteration of the batch
     * @param epoch e (recorded in the decision)
     * @param lambda λ = p(drop), in [0, 1]
     * @param labels the batch's B label maps (unsigned bytes, ignore = 255); read only for the
     *     present-class option and the number of images
     * @return the decision
     */
    public DropDecision sample(int iteration, int epoch, double lambda, byte[][] labels) {
        if (forcedClass != NOT_FORCED) {
            return DropDecision.forced(epoch, lambda, forcedClass);
        }
        SplittableRandom draws =
                seed != null ? new SplittableRandom(iterationSeed(seed, iteration)) : random;
        List<Integer> classes = new ArrayList<>();
        if (unit == SamplingUnit.BATCH) {
            classes.add(drawClass(draws, labels));
        } else {
            for (byte[] label : labels) {
                classes.add(drawClass(draws, new byte[][] {label}));
            }
        }
        double u = draws.nextDouble(); // z first, u second, as the official code
        // official: the class is kept iff u > p
        return new DropDecision(epoch, lambda, unit, classes, u <= lambda);
    }

    private int drawClass(SplittableRandom draws, byte[][] labels) {
        if (!presentClassesOnly) {
            return draws.nextInt(numClasses);
        }
        List<Integer> present = presentClasses(labels);
        if (present.isEmpty()) {
            return draws.nextInt(numClasses);
        }
        return present.get(draws.nextInt(present.size()));
    }

    private List<Integer> presentClasses(byte[][] labels) {
        boolean[] seen = new boolean[numClasses];
        for (byte[] label : labels) {
            for (byte value : label) {
                int y = Byte.toUnsignedInt(value);
                if (y != ClassCatalog.IGNORE_INDEX && y < numClasses) {
                    seen[y] = true;
                }
            }
        }
        List<Integer> present = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            if (seen[c]) {
                present.add(c);
            }
        }
        return present;
    }

    /**
     * The sampling unit.
     *
     * @return BATCH or IMAGE
     */
    public SamplingUnit unit() {
        return unit;
    }

    /**
     * Whether z is drawn among the present classes only.
     *
     * @return the option
     */
    public boolean presentClassesOnly() {
        return presentClassesOnly;
    }
}
