package io.dropclass.method;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * The test oracle of the drop branch: A_drop computed literally as docs/method.md §4.1 writes it,
 * X = A ⊙ s as a feature map, then conv, BatchNorm and ReLU as separate operations. {@link
 * DropClassNetwork#dropFeatures} (which folds s and, at inference, BatchNorm into the convolution)
 * must equal it up to float rounding.
 */
final class LiteralDropFeatures {

    private LiteralDropFeatures() {}

    /**
     * A_drop without any folding.
     *
     * @param network the network whose head and classifier are used
     * @param ps the parameter store
     * @param features A, (B, C, h, w); not closed
     * @param decision the classes to drop
     * @param training training-mode BatchNorm
     * @return A_drop, (B, C, h, w), attached to the features' manager
     */
    static NDArray of(DropClassNetwork network, ParameterStore ps, NDArray features,
            DropDecision decision, boolean training) {
        NDArray weight = ps.getValue(network.classifierWeight(), features.getDevice(), training);
        try (NDArray keep = ClassImportance.keepMask(features.getManager(), decision,
                        network.numClasses());
                NDArray s = ClassImportance.importance(weight, keep); // (R, C)
                NDArray x = ClassImportance.scale(features, s)) { // (B, C, h, w)
            return network.head().transform(ps, x, training);
        }
    }
}
