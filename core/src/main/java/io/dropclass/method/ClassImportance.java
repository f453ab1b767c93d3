package io.dropclass.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The class-importance scaling of DropClass (docs/method.md §3), as differentiable functions of
 * the classifier weight W and the feature map A.
 *
 * <pre>
 *   s_k = (1/n) Σ_c ReLU(m_c · W_{c,k})      n = Σ_c m_c        one C-vector per mask row
 *   X   = A ⊙ s                                channel k of A scaled by s_k
 * </pre>
 *
 * <p>The K per-class maps ReLU(W_c) ⊙ A are linear in A, so their average over the kept classes
 * collapses to one channel-scaling vector s: C numbers per iteration (per image with per-image
 * sampling), never K feature maps. As the official code, the mask multiplies W before the ReLU, so
 * W receives gradient through s only for kept classes with W_{c,k} > 0 (ReLU′(0) = 0), and nothing
 * is detached.
 */
public final class ClassImportance {

    private ClassImportance() {}

    /**
     * The importance vector s of each mask row.
     *
     * @param weight W, the classifier weight (K, C, 1, 1) or (K, C); not closed
     * @param keep m, (R, K) with entries 0 or 1 and at least one 1 per row; not closed
     * @return s, (R, C), attached to the weight's manager
     */
    public static NDArray importance(NDArray weight, NDArray keep) {
        Shape ws = weight.getShape();
        long k = ws.get(0);
        long c = ws.get(1);
        Shape ms = keep.getShape();
        if (ms.dimension() != 2 || ms.get(1) != k) {
            throw new IllegalArgumentException("keep must be (R, " + k + "), got " + ms);
        }
        long rows = ms.get(0);
        try (NDArray w = weight.reshape(1, k, c); // (1, K, C)
                NDArray m = keep.reshape(rows, k, 1); // (R, K, 1)
                NDArray masked = w.mul(m); // (R, K, C)
                NDArray relu = Activation.relu(masked);
                NDArray sum = relu.sum(new int[] {1}); // (R, C)
                NDArray n = keep.sum(new int[] {1}, true)) { // (R, 1)
            return sum.div(n); // (R, C)
        }
    }

    /**
     * Scales the channels of A by s.
     *
     * @param features A, (B, C, h, w); not closed
     * @param importance s, (R, C) with R = 1 (one vector for the batch) or R = B; not closed
     * @return X = A ⊙ s, (B, C, h, w), attached to the features' manager
     */
    public static NDArray scale(NDArray features, NDArray importance) {
        Shape as = features.getShape();
        Shape ss = importance.getShape();
        if (as.dimension() != 4
                || ss.dimension() != 2
                || ss.get(1) != as.get(1)
                || (ss.get(0) != 1 && ss.get(0) != as.get(0))) {
            throw new IllegalArgumentException(
                    "cannot scale features " + as + " by importance " + ss);
        }
        try (NDArray s = importance.reshape(ss.get(0), ss.get(1), 1, 1)) { // (R, C, 1, 1)
            return features.mul(s); // (B, C, h, w), broadcast over R, h, w
        }
    }

    /**
     * The keep mask m of a decision as an array that owns its memory (autograd may read it after
     * the caller has closed its handle; an array made from a Java buffer only borrows it).
     *
     * @param manager the manager (and device) of the mask
     * @param decision the drop decision
     * @param numClasses K
     * @return m, (R, K), R = {@link DropDecision#maskRows()}
     */
    public static NDArray keepMask(NDManager manager, DropDecision decision, int numClasses) {
        float[] values = decision.keepMask(numClasses);
        Shape shape = new Shape(values.length / numClasses, numClasses); // (R, K)
        try (NDArray borrowed = manager.create(values, shape)) {
            return borrowed.duplicate();
        }
    }
}
