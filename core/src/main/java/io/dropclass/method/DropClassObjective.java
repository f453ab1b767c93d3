package io.dropclass.method;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.dropclass.training.TrainingBatch;
import io.dropclass.training.TrainingObjective;
import java.util.Objects;

/**
 * DropClass as a training objective (docs/method.md §8): per iteration λ from the schedule, the
 * drop decision from the sampler, the two-branch training forward of the head, and {@link
 * DropClassLoss}.
 *
 * <pre>
 *   λ = schedule.lambda(epoch, batch.iteration())         official: e/E
 *   d = sampler.sample(i, epoch, λ, labels)                z, then u; drop iff u ≤ λ
 *   ŷ, ŷ_drop = network.forwardTraining(ps, images, d)
 *   L = (1 − λ)·CE(ŷ) + λ·CE(ŷ_drop, z ignored) + α·1[drop]·L_sup
 * </pre>
 *
 * <p>The parts {@code ce}, {@code drop}, {@code sup}, {@code dropped_class}, {@code dropped} and
 * {@code lambda} reach the trainer's history every iteration.
 */
public final class DropClassObjective implements TrainingObjective {

    private final DropClassNetwork network;
    private final DropClassLoss loss;
    private final DropSchedule schedule;
    private final ClassDropSampler sampler;

    /**
     * Creates the objective.
     *
     * @param network the DropClass head around the network to train
     * @param classWeights one weight per class, as the baseline's cross-entropy
     * @param schedule λ = p(drop), e.g. {@link DropSchedule#perEpoch}(E)
     * @param sampler draws z and the drop flag, e.g. {@link ClassDropSampler#official}
     * @param alpha α, the weight of L_sup ({@link DropClassLoss#DEFAULT_ALPHA} = 10)
     */
    public DropClassObjective(
            DropClassNetwork network,
            double[] classWeights,
            DropSchedule schedule,
            ClassDropSampler sampler,
            double alpha) {
        this.network = Objects.requireNonNull(network, "network");
        if (classWeights.length != network.numClasses()) {
            throw new IllegalArgumentException("expected " + network.numClasses()
                    + " class weights, got " + classWeights.length);
        }
        this.loss = new DropClassLoss(classWeights, alpha);
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
    }

    /**
     * Creates the objective with the official α = 10.
     *
     * @param network the DropClass head around the network to train
     * @param classWeights one weight per class, as the baseline's cross-entropy
     * @param schedule λ = p(drop), e.g. {@link DropSchedule#perEpoch}(E)
     * @param sampler draws z and the drop flag, e.g. {@link ClassDropSampler#official}
     */
    public DropClassObjective(
            DropClassNetwork network,
            double[] classWeights,
            DropSchedule schedule,
            ClassDropSampler sampler) {
        this(network, classWeights, schedule, sampler, DropClassLoss.DEFAULT_ALPHA);
    }

    /** {@inheritDoc} */
    @Override
    public Terms loss(ParameterStore ps, NDArray images, TrainingBatch batch, int epoch) {
        double lambda = schedule.lambda(epoch, batch.iteration());
        DropDecision decision = sampler.sample(batch.iteration(), epoch, lambda, batch.labels());
        DropClassOutputs outputs = network.forwardTraining(ps, images, decision);
        return loss.compute(outputs, batch.labels(), batch.height(), batch.width(), decision);
    }
}
