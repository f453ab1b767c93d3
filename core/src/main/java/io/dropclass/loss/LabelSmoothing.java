package io.dropclass.loss;

import ai.djl.ndarray.NDArray;
import io.dropclass.nn.Scalars;
import java.util.Map;

/**
 * Class-weighted cross-entropy against smoothed labels (Szegedy et al., 2016): the target of a
 * pixel is 1 − ε on its class plus ε/K on every class, so the network is not pushed to certainty
 * on the frequent classes. Part {@code ls}.
 *
 * <pre>
 *   L = Σ_i w_{y_i} · [(1 − ε)·(−log p_{i,y_i}) + (ε/K)·Σ_c (−log p_{i,c})] / Σ_i w_{y_i}
 * </pre>
 *
 * <p>The logits are upsampled to the label size first, as every pixel loss here; ignored pixels
 * have weight 0. With all class weights 1 this is PyTorch's {@code cross_entropy(ignore_index=255,
 * label_smoothing=ε)}; with class weights, PyTorch weighs the smoothing term's classes by w_c,
 * this loss weighs a pixel's whole term by the weight of its own class.
 *
 * @param epsilon ε in [0, 1); 0 is the weighted cross-entropy
 */
public record LabelSmoothing(double epsilon) implements PixelLoss {

    /** Checks ε. */
    public LabelSmoothing {
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new IllegalArgumentException("label smoothing epsilon must be in [0, 1), got "
                    + epsilon);
        }
    }

    @Override
    public String name() {
        return "label_smoothing";
    }

    @Override
    public Map<String, NDArray> parts(NDArray logits, PixelTargets weighted, PixelTargets unit) {
        NDArray resized = LabelSize.logits(logits, weighted); // (B, K, H, W), contiguous
        try (NDArray logp = resized.logSoftmax(1); // (B, K, H, W)
                NDArray index = weighted.classes().expandDims(1); // (B, 1, H, W)
                NDArray gathered = logp.gather(index, 1); // (B, 1, H, W)
                NDArray target = gathered.squeeze(1); // (B, H, W)
                NDArray uniform = logp.mean(new int[] {1}); // (B, H, W): (1/K) Σ_c log p
                NDArray kept = Scalars.times(target, 1 - epsilon);
                NDArray spread = Scalars.times(uniform, epsilon);
                NDArray mixed = kept.add(spread); // (B, H, W)
                NDArray weightedSum = mixed.mul(weighted.weights()).sum();
                NDArray weightSum = weighted.weights().sum().maximum(1e-12f)) {
            return Map.of("ls", weightedSum.neg().div(weightSum));
        } finally {
            if (resized != logits) {
                resized.close();
            }
        }
    }
}
