package io.dropclass.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Lovász-softmax loss (Berman, Rannen Triki &amp; Blaschko, CVPR 2018), the convex surrogate of the
 * Jaccard loss, with {@code classes='present'} over the batch's non-ignored pixels (not per image).
 * With p = softmax(ŷ) at the label size, for each class c present in the valid labels:
 *
 * <pre>  m_i(c) = |[y_i = c] − p_{i,c}|                       (the errors)
 *  m sorted decreasing (permutation π), g = [y = c] in the order π, G = Σ g
 *  J_k = 1 − (G − Σ_{j≤k} g_j) / (G + Σ_{j≤k} (1 − g_j))
 *  L_c = Σ_k m_{π(k)} · (J_k − J_{k−1}),  J_0 = 0
 *  L = mean over present classes of L_c</pre>
 *
 * <p>The gradient flows through the sorted errors (the sort order and the weights J_k − J_{k−1}
 * are constants, as in the reference implementation). The loss ignores the class weights; valid
 * pixels are those with weight &gt; 0, so pass targets built with unit weights (and the ignore
 * label / ignored class) to count every labelled pixel. It is usually combined with
 * cross-entropy (see the training objective's Lovász strategy); this is the Lovász term alone.
 * With no valid pixel the loss is 0. The logits are upsampled bilinearly (align_corners = false)
 * to the label size first.
 */
public final class LovaszSoftmax {

    private LovaszSoftmax() {}

    /**
     * The Lovász-softmax loss over the classes present in the batch.
     *
     * @param logits (B, K, h, w) raw scores at any resolution; not closed
     * @param targets classes at the label resolution (B, H, W); weight &gt; 0 marks valid pixels
     * @return a scalar, attached to the logits' manager
     */
    public static NDArray mean(NDArray logits, PixelTargets targets) {
        NDManager manager = logits.getManager();
        NDArray resized = LabelSize.logits(logits, targets);
        int numClasses = Math.toIntExact(resized.getShape().get(1));

        long[] classHost = targets.classes().toLongArray();
        float[] weightHost = targets.weights().toFloatArray();
        long[] validIndex = new long[classHost.length];
        int n = 0;
        TreeSet<Integer> present = new TreeSet<>();
        for (int i = 0; i < classHost.length; i++) {
            if (weightHost[i] > 0f) {
                validIndex[n++] = i;
                present.add((int) classHost[i]);
            }
        }
        if (n == 0) {
            return LabelSize.zeroLike(resized);
        }
        long[] index = java.util.Arrays.copyOf(validIndex, n);
        NDArray valid;
        try (NDArray borrowed = manager.create(index)) {
            valid = borrowed.duplicate(); // torch-owned: gather keeps its index for backward
        }
        // (N, K) probabilities, pixel-major
        NDArray probabilities =
                resized.softmax(1).transpose(0, 2, 3, 1).reshape(-1, numClasses);
        NDArray labels = targets.classes().flatten().gather(valid, 0); // (n,)
        NDArray one = LabelSize.scalar(logits, 1.0);

        List<NDArray> perClass = new ArrayList<>();
        for (int c : present) {
            NDArray classIndex = labels.eq(LabelSize.scalar(logits, c).toType(DataType.INT64,
                    false));
            NDArray foreground = classIndex.toType(DataType.FLOAT32, false); // (n,), constant
            NDArray pc = probabilities.get(new NDIndex(":, {}", c)).gather(valid, 0); // (n,)
            NDArray errors = foreground.sub(pc).abs();
            NDArray order = errors.stopGradient().argSort(0, false); // decreasing
            NDArray sortedErrors = errors.gather(order, 0);
            NDArray grad = lovaszGrad(foreground.gather(order, 0), one);
            perClass.add(sortedErrors.mul(grad).sum());
        }
        NDArray total = perClass.get(0);
        for (int k = 1; k < perClass.size(); k++) {
            total = total.add(perClass.get(k));
        }
        return total.div(LabelSize.scalar(logits, perClass.size()));
    }

    /** J_k − J_{k−1} for the ground truth in sorted order (a constant). */
    private static NDArray lovaszGrad(NDArray gtSorted, NDArray one) {
        NDArray gts = gtSorted.sum();
        NDArray intersection = gts.sub(gtSorted.cumSum(0));
        NDArray union = gts.add(one.sub(gtSorted).cumSum(0));
        NDArray jaccard = one.sub(intersection.div(union));
        long p = gtSorted.getShape().get(0);
        if (p <= 1) {
            return jaccard;
        }
        NDArray diff = jaccard.get(new NDIndex("1:")).sub(jaccard.get(new NDIndex(":-1")));
        return NDArrays.concat(new NDList(jaccard.get(new NDIndex(":1")), diff), 0);
    }
}
