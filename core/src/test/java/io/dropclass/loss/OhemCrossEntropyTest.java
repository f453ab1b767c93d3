package io.dropclass.loss;

import static io.dropclass.loss.Pixels.IGNORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/**
 * Five pixels of class 0 with scores (d, 0), d = −2, −1, 0, 1, 2: p_t = sigmoid(d) = 0.1192, 0.2689,
 * 0.5, 0.7311, 0.8808 and CE = log(1 + e^{−d}) = 2.1269280, 1.3132617, 0.6931472, 0.3132617,
 * 0.1269280.
 */
class OhemCrossEntropyTest {

    private static final double[] UNIT = {1, 1};

    private static NDArray logits(NDManager m) {
        return Pixels.twoClass(m, -2, -1, 0, 1, 2);
    }

    private static PixelTargets allClassZero(NDManager m, double[] weights) {
        return PixelTargets.of(m, new byte[][] {{0, 0, 0, 0, 0}}, 1, 5, weights, -1);
    }

    @Test
    void theThresholdKeepsEveryPixelBelowIt() {
        // τ = max(0.6, p_(1) = 0.2689) = 0.6: the three hardest pixels
        try (NDManager m = NDManager.newBaseManager()) {
            float loss = OhemCrossEntropy.mean(logits(m), allClassZero(m, UNIT), 0.6, 1).getFloat();
            assertThat(loss).isCloseTo(1.3777789597f, within(1e-6f));
        }
    }

    @Test
    void minKeptRaisesTheThresholdToTheMinKeptThSmallestProbability() {
        // τ = max(0.1, p_(2) = 0.5) = 0.5: p < 0.5 keeps exactly the two hardest pixels
        try (NDManager m = NDManager.newBaseManager()) {
            float loss = OhemCrossEntropy.mean(logits(m), allClassZero(m, UNIT), 0.1, 2).getFloat();
            assertThat(loss).isCloseTo(1.7200948493f, within(1e-6f));
        }
    }

    @Test
    void fewerValidPixelsThanMinKeptKeepsThemAll() {
        try (NDManager m = NDManager.newBaseManager()) {
            float loss = OhemCrossEntropy.mean(logits(m), allClassZero(m, UNIT), 0.1, 5).getFloat();
            float plain = PixelCrossEntropy.weightedMean(logits(m), allClassZero(m, UNIT)).getFloat();
            assertThat(loss).isCloseTo(0.9147053155f, within(1e-6f)).isCloseTo(plain, within(1e-6f));
        }
    }

    @Test
    void aThresholdAboveEveryProbabilityKeepsAll() {
        try (NDManager m = NDManager.newBaseManager()) {
            float loss = OhemCrossEntropy.mean(logits(m), allClassZero(m, UNIT), 0.95, 1).getFloat();
            assertThat(loss).isCloseTo(0.9147053155f, within(1e-6f));
        }
    }

    @Test
    void classWeightsScalePixelLossesButTheMeanIsOverKeptPixelsAndIgnoredPixelsLeave() {
        // last pixel ignored; class 0 weight 2: τ = 0.6 keeps the first three, loss = 2·mean(CE)
        try (NDManager m = NDManager.newBaseManager()) {
            PixelTargets t = PixelTargets.of(m, new byte[][] {{0, 0, 0, 0, IGNORE}}, 1, 5,
                    new double[] {2, 1}, -1);
            float loss = OhemCrossEntropy.mean(logits(m), t, 0.6, 1).getFloat();
            assertThat(loss).isCloseTo(2.7555579194f, within(1e-5f));
        }
    }

    @Test
    void tiesAtTheThresholdKeepNothingAndGiveZero() {
        // all p_t = 0.5 and thres 0.3: τ = 0.5, nothing is strictly below (HRNet: NaN)
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray equal = Pixels.twoClass(m, 0, 0, 0, 0, 0);
            assertThat(OhemCrossEntropy.mean(equal, allClassZero(m, UNIT), 0.3, 1).getFloat())
                    .isZero();
        }
    }

    @Test
    void onlyIgnoredPixelsGiveZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            PixelTargets t = PixelTargets.of(m, new byte[][] {{IGNORE, IGNORE, IGNORE, IGNORE,
                IGNORE}}, 1, 5, UNIT, -1);
            assertThat(OhemCrossEntropy.mean(logits(m), t, 0.7, 2).getFloat()).isZero();
        }
    }

    @Test
    void onlyKeptPixelsGetAGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            PixelTargets t = allClassZero(m, UNIT);
            float[] grad = Pixels.gradient(logits(m), x -> OhemCrossEntropy.mean(x, t, 0.1, 2),
                    false);
            // (1, 2, 1, 5): class-0 scores first; d/dd of CE/2 = −(1 − p)/2 for the kept pixels
            assertThat(grad[0]).isCloseTo(-(1 - 0.1192029f) / 2, within(1e-6f));
            assertThat(grad[1]).isCloseTo(-(1 - 0.2689414f) / 2, within(1e-6f));
            assertThat(new float[] {grad[2], grad[3], grad[4]}).containsOnly(0f);
        }
    }
}
