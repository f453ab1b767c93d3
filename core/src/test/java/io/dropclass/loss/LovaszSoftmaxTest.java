package io.dropclass.loss;

import static io.dropclass.loss.Pixels.IGNORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class LovaszSoftmaxTest {

    @Test
    void withOneClassPresentItIsTheMeanErrorOfThatClass() {
        // every pixel is class 0: G = n, no false positives, J_k = k / n, g_k = 1/n,
        // L = mean(1 − p_0) = mean(1 − sigmoid(d)), d = −2, −1, 0, 1, 3
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = Pixels.twoClass(m, -2, -1, 0, 1, 3);
            PixelTargets t = PixelTargets.of(m, new byte[][] {{0, 0, 0, 0, 0}}, 1, 5,
                    new double[] {1, 1}, -1);
            assertThat(LovaszSoftmax.mean(logits, t).getFloat())
                    .isCloseTo(0.4856445902f, within(1e-6f));
        }
    }

    @Test
    void theGradientFlowsThroughTheSortedErrors() {
        // dL/dd_i = −p_i (1 − p_i) / 5 on the class-0 scores, the opposite on the class-1 scores
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = Pixels.twoClass(m, -2, -1, 0, 1, 3);
            PixelTargets t = PixelTargets.of(m, new byte[][] {{0, 0, 0, 0, 0}}, 1, 5,
                    new double[] {1, 1}, -1);
            float[] grad = Pixels.gradient(logits, x -> LovaszSoftmax.mean(x, t), false);
            float[] expected = {-0.02099872f, -0.03932239f, -0.05f, -0.03932239f, -0.00903533f};
            for (int i = 0; i < 5; i++) {
                assertThat(grad[i]).as("class 0, pixel " + i).isCloseTo(expected[i], within(1e-6f));
                assertThat(grad[5 + i]).as("class 1, pixel " + i)
                        .isCloseTo(-expected[i], within(1e-6f));
            }
        }
    }

    @Test
    void averagesThePresentClassesAndRemovesIgnoredPixels() {
        // classes 0 and 2 present (not 1); pixel 2 ignored. Reference algorithm (Berman et al.):
        // L_0 = 0.7578182362, L_2 = 0.5111245631, L = 0.6344713996
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = Pixels.row(m, new float[][] {
                {1, 2, 0}, {0.5f, -1, 3}, {5, 5, 5}, {0, 0.3f, -0.2f}, {2, -1, 0.1f}});
            PixelTargets t = PixelTargets.of(m, new byte[][] {{0, 2, IGNORE, 0, 2}}, 1, 5,
                    new double[] {1, 1, 1}, -1);
            assertThat(LovaszSoftmax.mean(logits, t).getFloat())
                    .isCloseTo(0.6344713996f, within(1e-6f));
            float[] grad = Pixels.gradient(logits, x -> LovaszSoftmax.mean(x, t), false);
            double norm = 0;
            for (float g : grad) {
                assertThat(g).isFinite();
                norm += Math.abs(g);
            }
            assertThat(norm).isGreaterThan(1e-3);
            // the ignored pixel (index 2 of each class plane) gets no gradient
            assertThat(new float[] {grad[2], grad[7], grad[12]}).containsOnly(0f);
        }
    }

    @Test
    void onlyIgnoredPixelsGiveZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            PixelTargets t = PixelTargets.of(m, new byte[][] {{IGNORE, IGNORE}}, 1, 2,
                    new double[] {1, 1}, -1);
            assertThat(LovaszSoftmax.mean(Pixels.twoClass(m, 1, 2), t).getFloat()).isZero();
        }
    }
}
