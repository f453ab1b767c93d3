package io.dropclass.method;

import io.dropclass.data.ClassCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws the class z to drop and whether to drop it (method.md §2.4): z uniform over the K classes,
 * then u uniform in [0, 1); z is dropped iff u ≤ p, p = λ of the iteration. The official code draws
 * z first and u second, one pair per iteration; so does this sampler.
 *
 * <p>Options (deviations from the official code, method.md §6 and §10.7): sample z only among the
 * classes present in the batch; sample one z per image ({@link SamplingUnit#IMAGE}: B draws of z,
 * then one u for the batch). A batch or image without any labelled pixel falls back to all K
 * classes. The random source is injected and seeded; the sampler is not thread-safe.
 */
public final class ClassDropSampler {

    private static final int NOT_FORCED = Integer.MIN_VALUE;

    private final int numClasses;
    private final SplittableRandom random;
    private final SamplingUnit unit;
    private final boolean presentClassesOnly;
    private final int forcedClass;

    private ClassDropSampler(
            int numClasses,
            SplittableRandom random,
            SamplingUnit unit,
            boolean presentClassesOnly,
            int forcedClass) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.random = random;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.presentClassesOnly = presentClassesOnly;
        this.forcedClass = forcedClass;
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
                NOT_FORCED);
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
                NOT_FORCED);
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
        return new ClassDropSampler(numClasses, null, SamplingUnit.BATCH, false, droppedClass);
    }

    /**
     * Draws the decision of one iteration with p = λ.
     *
     * @param epoch e (recorded in the decision)
     * @param lambda λ = p(drop), in [0, 1]
     * @param labels the batch's B label maps (unsigned bytes, ignore = 255); read only for the
     *     present-class option and the number of images
     * @return the decision
     */
    public DropDecision sample(int epoch, double lambda, byte[][] labels) {
        if (forcedClass != NOT_FORCED) {
            return DropDecision.forced(epoch, lambda, forcedClass);
        }
        List<Integer> classes = new ArrayList<>();
        if (unit == SamplingUnit.BATCH) {
            classes.add(drawClass(labels));
        } else {
            for (byte[] label : labels) {
                classes.add(drawClass(new byte[][] {label}));
            }
        }
        double u = random.nextDouble();
        // official: the class is kept iff u > p
        return new DropDecision(epoch, lambda, unit, classes, u <= lambda);
    }

    private int drawClass(byte[][] labels) {
        if (!presentClassesOnly) {
            return random.nextInt(numClasses);
        }
        List<Integer> present = presentClasses(labels);
        if (present.isEmpty()) {
            return random.nextInt(numClasses);
        }
        return present.get(random.nextInt(present.size()));
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
