package io.dropclass.method;

import io.dropclass.model.SegmentationNetwork;
import io.dropclass.training.TrainingObjective;
import java.util.Objects;

/**
 * What a {@link Method} builds around a bare network.
 *
 * @param bare the network without any head (its backbone and classifier)
 * @param network the network that trains and predicts: {@code bare}, or the method's head around it
 * @param objective the loss the training step optimises, over {@code network}
 */
public record MethodParts(
        SegmentationNetwork bare, SegmentationNetwork network, TrainingObjective objective) {

    /** Checks that every part is there. */
    public MethodParts {
        Objects.requireNonNull(bare, "bare");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(objective, "objective");
    }

    /**
     * Whether the method adds a head (the network is not the bare one).
     *
     * @return true for DropClass
     */
    public boolean hasHead() {
        return network != bare;
    }
}
