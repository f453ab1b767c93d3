package io.dropclass.loss;

import static io.dropclass.loss.Pixels.IGNORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class FocalLossTest {

    private static final double[] WEIGHTS = {1, 2, 0.5};

    private static NDArray threePixels(NDManager m) {
        return Pixels.row(m, new float[][] {{1, 2, 0}, {0.5f, -1, 3}, {5, 5, 5}});
    }

    private static PixelTargets targets(NDManager m) {
        return PixelTargets.of(m, new byte[][] {{0, 2, IGNORE}}, 1, 3, WEIGHTS, -1);
    }

    @Test
    void gammaZeroIsExactlyTheWeightedCrossEntropy() {
        try (NDManager m = NDManager.newBaseManager()) {
            float focal = FocalLoss.mean(threePixels(m), targets(m), 0).getFloat();
            float ce = PixelCrossEntropy.weightedMean(threePixels(m), targets(m)).getFloat();
            assertThat(focal).isEqualTo(ce).isCloseTo(0.9702954194f, within(1e-6f));
        }
    }

    @Test
    void gammaTwoDownWeightsEasyPixelsOnAWorkedExample() {
        // p_t: pixel 0 (class 0) 0.2447284711, pixel 1 (class 2) 0.9087599; pixel 2 ignored.
        // (1·(1−p0)²·1.4076059644 + 0.5·(1−p1)²·0.0956743294) / (1 + 0.5)
        try (NDManager m = NDManager.newBaseManager()) {
            float loss = FocalLoss.mean(threePixels(m), targets(m), 2).getFloat();
            assertThat(loss).isCloseTo(0.5355640379f, within(1e-6f));
        }
    }

    @Test
    void aFractionalGammaUsesTheSameFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            float loss = FocalLoss.mean(threePixels(m), targets(m), 0.5).getFloat();
            assertThat(loss).isCloseTo(0.8251658519f, within(1e-6f));
        }
    }

    @Test
    void logitsAreUpsampledToTheLabelSize() {
        // constant logits: every pixel has p_t = softmax(0.2, 0.1, −0.3)_1 = 0.3602966
        // loss = (1 − 0.3602804)² · 1.0208276556
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {0.2f, 0.1f, -0.3f}, new Shape(1, 3, 1, 1));
            PixelTargets t = PixelTargets.of(m, new byte[][] {{1, 1, 1, 1}}, 2, 2,
                    new double[] {1, 1, 1}, -1);
            float loss = FocalLoss.mean(logits, t, 2).getFloat();
            assertThat(loss).isCloseTo(0.4177435f, within(1e-6f));
        }
    }

    @Test
    void onlyIgnoredPixelsGiveZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            PixelTargets t = PixelTargets.of(m, new byte[][] {{IGNORE, IGNORE, IGNORE}}, 1, 3,
                    WEIGHTS, -1);
            assertThat(FocalLoss.mean(threePixels(m), t, 2).getFloat()).isZero();
        }
    }

    @Test
    void aSaturatedPixelKeepsTheGradientFiniteForGammaBelowOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = Pixels.twoClass(m, 200f, -1f);
            PixelTargets t = PixelTargets.of(m, new byte[][] {{0, 0}}, 1, 2,
                    new double[] {1, 1}, -1);
            float[] grad = Pixels.gradient(logits, x -> FocalLoss.mean(x, t, 0.5), false);
            assertThat(grad).doesNotContain(Float.NaN);
            for (float g : grad) {
                assertThat(g).isFinite();
            }
            assertThat(grad[1]).isLessThan(0f); // the hard pixel still learns
        }
    }

    @Test
    void negativeGammaIsRejected() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> FocalLoss.mean(threePixels(m), targets(m), -1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
