package io.dropclass.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import io.dropclass.loss.PixelLoss;
import io.dropclass.loss.PixelTargets;
import io.dropclass.model.SegmentationNetwork;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A class-imbalance baseline as a training objective: the network's logits, upsampled to the label
 * size, under one {@link PixelLoss} (weighted cross-entropy, focal, OHEM or Lovász-softmax). The
 * ignore label 255 is ignored; the parts are named by the strategy and summed into the total.
 */
public final class PixelLossObjective implements TrainingObjective {

    private final SegmentationNetwork network;
    private final double[] classWeights;
    private final double[] unitWeights;
    private final PixelLoss loss;

    /**
     * Creates the objective.
     *
     * @param network the network to train
     * @param classWeights one weight per class (α for focal; ignored by the Lovász term)
     * @param loss the loss strategy
     */
    public PixelLossObjective(SegmentationNetwork network, double[] classWeights, PixelLoss loss) {
        if (classWeights.length != network.numClasses()) {
            throw new IllegalArgumentException("expected " + network.numClasses()
                    + " class weights, got " + classWeights.length);
        }
        this.network = network;
        this.classWeights = classWeights.clone();
        this.unitWeights = new double[classWeights.length];
        Arrays.fill(unitWeights, 1);
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    /**
     * The baseline's objective: class-weighted cross-entropy.
     *
     * @param network the network to train
     * @param classWeights one weight per class
     * @return the objective
     */
    public static PixelLossObjective crossEntropy(SegmentationNetwork network,
            double[] classWeights) {
        return new PixelLossObjective(network, classWeights, PixelLoss.weightedCrossEntropy());
    }

    /** The loss strategy. */
    public PixelLoss pixelLoss() {
        return loss;
    }

    @Override
    public Terms loss(ParameterStore ps, NDArray images, TrainingBatch batch, int epoch) {
        NDArray logits = network.forward(ps, new NDList(images), true).singletonOrThrow();
        PixelTargets.Labels labels =
                new PixelTargets.Labels(batch.labels(), batch.height(), batch.width());
        PixelTargets weighted = PixelTargets.of(images.getManager(), labels, classWeights, -1,
                network.tensorFormat());
        PixelTargets unit = loss.needsUnitTargets()
                ? PixelTargets.of(images.getManager(), labels, unitWeights, -1,
                        network.tensorFormat())
                : weighted;
        Map<String, NDArray> parts = loss.parts(logits, weighted, unit);
        NDArray total = null;
        for (NDArray part : parts.values()) {
            total = total == null ? part : total.add(part);
        }
        return new Terms(total, parts, Map.of(Terms.LOGITS, logits));
    }
}
