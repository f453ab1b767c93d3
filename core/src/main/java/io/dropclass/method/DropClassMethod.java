package io.dropclass.method;

import io.dropclass.model.SegmentationNetwork;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * DropClass (docs/method.md §3–§8) as a method: the {@link DropClassNetwork} head around the bare
 * network, trained by the {@link DropClassObjective} with its λ schedule and class-drop sampler.
 *
 * @param alpha α, the weight of the suppression term (10 in the official code)
 * @param step what λ = p(drop) counts: epochs (e/E, official) or iterations (i/N)
 * @param endEpoch E of the epoch schedule; 0: the run's own epoch count
 * @param iterations N of the iteration schedule (the run's {@code train.iterations})
 * @param unit one z per batch (official) or per image
 * @param presentClassesOnly draw z among the classes present in the batch instead of all K
 * @param branch the branch that predicts at inference (official: the drop branch)
 * @param samplerSeed the seed of the class-drop draws (see {@link #samplerSeed(long)})
 * @param forcedClass empty: draw z and the drop from the seed; a class: drop it at every step; −1:
 *     never drop
 */
public record DropClassMethod(
        double alpha,
        DropSchedule.Step step,
        int endEpoch,
        int iterations,
        SamplingUnit unit,
        boolean presentClassesOnly,
        PredictionBranch branch,
        long samplerSeed,
        OptionalInt forcedClass)
        implements Method {

    /** Keeps the class-drop stream apart from the other streams drawn from the run's seed. */
    private static final long SAMPLER_STREAM = 0x5DEECE66DL;

    /** Checks the fields. */
    public DropClassMethod {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(forcedClass, "forcedClass");
        if (endEpoch < 0 || iterations <= 0) {
            throw new IllegalArgumentException("endEpoch must be >= 0 and iterations > 0, got "
                    + endEpoch + ", " + iterations);
        }
    }

    /**
     * The seed of the class-drop sampler of a run: the decision of iteration i is drawn from (this
     * seed, i).
     *
     * @param runSeed the run's seed
     * @return the sampler's seed
     */
    public static long samplerSeed(long runSeed) {
        return runSeed ^ SAMPLER_STREAM;
    }

    /** {@inheritDoc} Always {@code dropclass}. */
    @Override
    public String name() {
        return "dropclass";
    }

    /** {@inheritDoc} The DropClass head around the bare network. */
    @Override
    public DropClassNetwork network(SegmentationNetwork bare) {
        return DropClassNetwork.builder(bare).optPredictionBranch(branch).build();
    }

    /** {@inheritDoc} */
    @Override
    public MethodParts build(SegmentationNetwork bare, double[] classWeights, int epochs) {
        DropClassNetwork network = network(bare);
        return new MethodParts(bare, network,
                new DropClassObjective(network, classWeights, schedule(epochs),
                        sampler(network.numClasses()), alpha));
    }

    /**
     * The λ schedule of a run.
     *
     * @param epochs the run's epoch count, E unless {@code endEpoch} is set
     * @return e/E or i/N
     */
    public DropSchedule schedule(int epochs) {
        return step == DropSchedule.Step.ITERATION
                ? DropSchedule.perIteration(iterations)
                : DropSchedule.perEpoch(endEpoch > 0 ? endEpoch : epochs);
    }

    /**
     * The class-drop sampler over K classes.
     *
     * @param numClasses K
     * @return seeded, or forced
     */
    public ClassDropSampler sampler(int numClasses) {
        return forcedClass.isPresent()
                ? ClassDropSampler.forced(numClasses, forcedClass.getAsInt())
                : ClassDropSampler.seeded(numClasses, samplerSeed, unit, presentClassesOnly);
    }

    /** {@inheritDoc} */
    @Override
    public DropClassMethod droppingAlways(int droppedClass) {
        return new DropClassMethod(alpha, step, endEpoch, iterations, unit, presentClassesOnly,
                branch, samplerSeed, OptionalInt.of(droppedClass));
    }
}
