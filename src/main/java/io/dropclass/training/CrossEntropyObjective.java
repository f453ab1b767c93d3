package io.dropclass.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import io.dropclass.loss.PixelCrossEntropy;
import io.dropclass.loss.PixelTargets;
import io.dropclass.model.SegmentationNetwork;
import java.util.Map;

/**
 * The baseline objective: class-weighted pixel cross-entropy (ignore label 255) on the network's
 * logits, upsampled to the label size.
 */
public final class CrossEntropyObjective implements TrainingObjective {

    private final SegmentationNetwork network;
    private final double[] classWeights;

    /**
     * Creates the objective.
     *
     * @param network the network to train
     * @param classWeights one weight per class
     */
    public CrossEntropyObjective(SegmentationNetwork network, double[] classWeights) {
        if (classWeights.length != network.numClasses()) {
            throw new IllegalArgumentException("expected " + network.numClasses()
                    + " class weights, got " + classWeights.length);
        }
        this.network = network;
        this.classWeights = classWeights.clone();
    }

    @Override
    public Terms loss(ParameterStore ps, NDArray images, TrainingBatch batch, int epoch) {
        NDArray logits = network.forward(ps, new NDList(images), true).singletonOrThrow();
        PixelTargets targets = PixelTargets.of(images.getManager(), batch.labels(),
                batch.height(), batch.width(), classWeights, -1, network.tensorFormat());
        NDArray ce = PixelCrossEntropy.weightedMean(logits, targets);
        return new Terms(ce, Map.of("ce", ce), Map.of(Terms.LOGITS, logits));
    }
}
