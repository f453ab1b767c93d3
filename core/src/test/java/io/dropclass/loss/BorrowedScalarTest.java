package io.dropclass.loss;

import static io.dropclass.loss.Pixels.IGNORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Freed native memory is poisoned between forward and backward: a loss that keeps a tensor borrowing
 * a Java buffer in its graph (as {@code x.mul(2f)} does) gets a different gradient.
 */
class BorrowedScalarTest {

    private static final Map<String, BiFunction<NDArray, PixelTargets, NDArray>> LOSSES = Map.of(
            "focal", (x, t) -> FocalLoss.mean(x, t, 2),
            "focal_1.5", (x, t) -> FocalLoss.mean(x, t, 1.5),
            "ohem", (x, t) -> OhemCrossEntropy.mean(x, t, 0.7, 3),
            "lovasz", LovaszSoftmax::mean,
            "ce", PixelCrossEntropy::weightedMean);

    @Test
    void gradientsSurvivePoisonedFreedMemoryBeforeBackward() {
        try (NDManager m = NDManager.newBaseManager()) {
            // (1, 3, 2, 2) logits upsampled to 4×4 labels
            NDArray logits = m.randomNormal(new Shape(1, 3, 2, 2)).duplicate();
            byte[] labels = {0, 1, 2, 0, 1, IGNORE, 2, 2, 0, 0, 1, 2, 2, 1, 0, IGNORE};
            PixelTargets t = PixelTargets.of(m, new byte[][] {labels}, 4, 4,
                    new double[] {1, 2.5, 0.5}, -1);
            for (var loss : LOSSES.entrySet()) {
                float[] reference = Pixels.gradient(logits, x -> loss.getValue().apply(x, t), false);
                double norm = 0;
                for (float g : reference) {
                    norm += Math.abs(g);
                }
                assertThat(norm).as(loss.getKey()).isGreaterThan(1e-4);
                for (int round = 0; round < 10; round++) {
                    float[] grad = Pixels.gradient(logits, x -> loss.getValue().apply(x, t), true);
                    for (int i = 0; i < grad.length; i++) {
                        assertThat(grad[i]).as(loss.getKey() + " round " + round + " [" + i + "]")
                                .isCloseTo(reference[i], within(1e-6f));
                    }
                }
            }
        }
    }
}
