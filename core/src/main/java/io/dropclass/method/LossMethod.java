package io.dropclass.method;

import io.dropclass.loss.PixelLoss;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.training.PixelLossObjective;
import java.util.Objects;

/**
 * A method that changes only the loss: the network as it is, trained with one {@link PixelLoss}
 * (class-weighted cross-entropy for the baseline; focal, OHEM, Lovász-softmax for the imbalance
 * baselines).
 *
 * @param name the configured name ({@code baseline}, {@code focal}, ...)
 * @param loss the pixel loss
 */
public record LossMethod(String name, PixelLoss loss) implements Method {

    /** Checks the fields. */
    public LossMethod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(loss, "loss");
    }

    /**
     * The baseline: class-weighted cross-entropy.
     *
     * @return the method named {@code baseline}
     */
    public static LossMethod baseline() {
        return new LossMethod("baseline", PixelLoss.weightedCrossEntropy());
    }

    /** {@inheritDoc} The bare network itself. */
    @Override
    public SegmentationNetwork network(SegmentationNetwork bare) {
        return bare;
    }

    /** {@inheritDoc} */
    @Override
    public MethodParts build(SegmentationNetwork bare, double[] classWeights, int epochs) {
        return new MethodParts(bare, bare, new PixelLossObjective(bare, classWeights, loss));
    }
}
