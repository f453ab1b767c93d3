package io.dropclass.method;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.dropclass.nn.BatchNormLayer;
import io.dropclass.nn.Conv2dLayer;
import io.dropclass.nn.ConvBn;
import io.dropclass.nn.LayerParameter;
import java.util.List;

/**
 * DropClass's head (docs/method.md §3–§4): the class importance s from the shared classifier's
 * weights and the feature transformation layer that turns the class-scaled feature into A_drop.
 *
 * <pre>
 *   s       = (1/n) Σ_{c kept} ReLU(W_c)                (R, C), R = 1 or B per image
 *   A_drop  = ReLU(clsdrop_bn1(clsdrop_conv1(A ⊙ s)))   (B, C, h, w)
 * </pre>
 *
 * <p>With one s for the batch (every inference call, and training with batch-level sampling) the
 * scaling is never materialised: conv1x1(A ⊙ s) = (W·diag(s)) A + b, a (C × C) operation instead
 * of a pass over the (B, C, h, w) feature map in the forward and two in the backward; in inference
 * mode BatchNorm is folded in too, W' = α·W·diag(s), b' = α·(b − μ) + β with α = γ/√(σ² + eps),
 * so A_drop = ReLU(W'A + b') is one convolution. The fold is recomputed from the current parameters
 * on every call, so no optimizer step or load can leave a stale folded weight behind. Per-image
 * sampling (one s per image) scales A itself.
 *
 * <p>The 1×1 conv (C→C, bias) is initialised as the model's convs, N(0, 0.001²) weights and
 * PyTorch's uniform(±1/√C) bias; BN γ = 1, β = 0, running mean 0, variance 1. Official names:
 * {@code clsdrop_conv1.weight}, {@code clsdrop_conv1.bias}, {@code clsdrop_bn1.*}.
 */
public final class DropClassHead {

    private final ConvBn transformation;

    /**
     * Creates the head over C channels.
     *
     * @param channels C, the channels of A
     * @param momentum the BatchNorm momentum, PyTorch's convention (0.01 in the official code)
     * @param eps the BatchNorm eps (1e-5 in the official code)
     */
    public DropClassHead(int channels, double momentum, double eps) {
        transformation = ConvBn.of(
                Conv2dLayer.builder("clsdrop_conv1", channels, channels, 1).optBias(true).build(),
                new BatchNormLayer("clsdrop_bn1", channels, momentum, eps),
                true);
    }

    /**
     * The head's parameters and BatchNorm buffers under their official names.
     *
     * @return the parameters, in state-dict order
     */
    public List<LayerParameter> parameters() {
        return transformation.layerParameters();
    }

    /**
     * A_drop = ReLU(BN(conv1x1(A ⊙ s))) for a decision.
     *
     * @param ps the parameter store
     * @param features A, (B, C, h, w); not closed
     * @param classifier the shared classifier's weight, (K, C, 1, 1)
     * @param numClasses K
     * @param decision the classes to drop ({@link DropDecision#none} keeps all: inference)
     * @param training training-mode BatchNorm (batch statistics, running statistics updated)
     * @return A_drop, (B, C, h, w), post-ReLU, attached to the features' manager
     */
    public NDArray apply(ParameterStore ps, NDArray features, Parameter classifier,
            int numClasses, DropDecision decision, boolean training) {
        // the parameter's own array (K, C, 1, 1): read, never closed
        NDArray weight = ps.getValue(classifier, features.getDevice(), training);
        try (NDArray keep = ClassImportance.keepMask(features.getManager(), decision, numClasses);
                NDArray s = ClassImportance.importance(weight, keep)) { // (R, C)
            if (s.getShape().get(0) != 1) {
                // one s per image: A ⊙ s is a feature map of its own
                try (NDArray x = ClassImportance.scale(features, s)) { // (B, C, h, w)
                    return transform(ps, x, training);
                }
            }
            // one s for the batch: folded into the 1×1 conv's weight, W·diag(s), and in
            // inference mode BatchNorm as well (ConvBn.forwardScaled)
            try (NDArray row = s.reshape(s.getShape().get(1))) { // (C)
                return transformation.forwardScaled(ps, features, row, training);
            }
        }
    }

    /**
     * The feature transformation layer on a feature map that is already scaled: conv, BatchNorm
     * and ReLU as separate operations.
     *
     * @param ps the parameter store
     * @param scaled A ⊙ s, (B, C, h, w); not closed
     * @param training training-mode BatchNorm
     * @return ReLU(BN(conv1x1(scaled))), (B, C, h, w)
     */
    public NDArray transform(ParameterStore ps, NDArray scaled, boolean training) {
        return transformation.forward(ps, scaled, training);
    }
}
