package io.dropclass.experiment;

import io.dropclass.config.ExperimentConfig;
import io.dropclass.config.MethodConfig;
import io.dropclass.method.ClassDropSampler;
import io.dropclass.method.DropClassNetwork;
import io.dropclass.method.DropClassObjective;
import io.dropclass.method.DropSchedule;
import io.dropclass.method.PredictionBranch;
import io.dropclass.method.SamplingUnit;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.training.CrossEntropyObjective;
import io.dropclass.training.TrainingObjective;
import java.util.SplittableRandom;

/** Builds the configured network and the objective of its method (baseline or DropClass). */
final class Networks {

    /** Keeps the class-drop stream apart from the other streams drawn from the run's seed. */
    private static final long SAMPLER_STREAM = 0x5DEECE66DL;

    private Networks() {}

    /**
     * Creates the uninitialised network of the method: the bare network for the baseline, wrapped
     * in the DropClass head for DropClass.
     *
     * @param config the configuration (model, method)
     * @param numClasses K
     * @return the network
     */
    static SegmentationNetwork create(ExperimentConfig config, int numClasses) {
        SegmentationNetwork network =
                HrNet.create(HrNetSpec.byName(config.model().architecture()), numClasses);
        MethodConfig method = config.method();
        if (!method.usesDropClass()) {
            return network;
        }
        PredictionBranch branch = method.inferenceBranch().equals("plain")
                ? PredictionBranch.PLAIN
                : PredictionBranch.DROP;
        return DropClassNetwork.builder(network).optPredictionBranch(branch).build();
    }

    /**
     * The training objective of the method.
     *
     * @param config the configuration (method, train, runtime)
     * @param network the network from {@link #create}
     * @param classWeights the cross-entropy's class weights
     * @param epochs the run's epoch count (last epoch + 1), E unless {@code method.end_epoch} is set
     * @return the objective
     */
    static TrainingObjective objective(
            ExperimentConfig config, SegmentationNetwork network, float[] classWeights, int epochs) {
        MethodConfig method = config.method();
        if (!method.usesDropClass()) {
            return new CrossEntropyObjective(network, classWeights);
        }
        DropSchedule schedule = method.schedule().equals("iteration")
                ? DropSchedule.perIteration(config.train().iterations())
                : DropSchedule.perEpoch(method.endEpoch() > 0 ? method.endEpoch() : epochs);
        ClassDropSampler sampler = ClassDropSampler.of(network.numClasses(),
                new SplittableRandom(config.runtime().seed() ^ SAMPLER_STREAM),
                method.perImage() ? SamplingUnit.IMAGE : SamplingUnit.BATCH,
                method.sampling().equals("present"));
        return new DropClassObjective((DropClassNetwork) network, classWeights, schedule, sampler,
                method.alpha());
    }
}
