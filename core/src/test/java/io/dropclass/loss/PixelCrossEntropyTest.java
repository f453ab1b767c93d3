package io.dropclass.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PixelCrossEntropyTest {

    private static final byte IGNORE = (byte) 255;

    /** Logits of three pixels of one image, (1, 3, 1, 3): classes along axis 1. */
    private static NDArray threePixels(NDManager m) {
        float[][] perPixel = {{1, 2, 0}, {0.5f, -1, 3}, {5, 5, 5}};
        float[] chw = new float[9];
        for (int p = 0; p < 3; p++) {
            for (int c = 0; c < 3; c++) {
                chw[c * 3 + p] = perPixel[p][c];
            }
        }
        return m.create(chw, new Shape(1, 3, 1, 3));
    }

    @Test
    void weightedMeanMatchesPyTorchOnAWorkedExample() {
        // -log softmax: pixel 0 (class 0) 1.4076059644, pixel 1 (class 2) 0.0956743294,
        // pixel 2 ignored. PyTorch: (1 * 1.4076059644 + 0.5 * 0.0956743294) / (1 + 0.5)
        try (NDManager m = NDManager.newBaseManager()) {
            PixelTargets t = PixelTargets.of(m, new byte[][] {{0, 2, IGNORE}}, 1, 3,
                    new double[] {1, 2, 0.5}, -1);
            float loss = PixelCrossEntropy.weightedMean(threePixels(m), t).getFloat();
            assertThat(loss).isCloseTo(0.9702954194f, within(1e-6f));
        }
    }

    @Test
    void unweightedLossIsThePlainMeanOverNonIgnoredPixels() {
        try (NDManager m = NDManager.newBaseManager()) {
            PixelTargets t = PixelTargets.of(m, new byte[][] {{0, 2, IGNORE}}, 1, 3,
                    new double[] {1, 1, 1}, -1);
            float loss = PixelCrossEntropy.weightedMean(threePixels(m), t).getFloat();
            assertThat(loss).isCloseTo(0.7516401469f, within(1e-6f));
        }
    }

    @Test
    void anExtraIgnoredClassLeavesNumeratorAndDenominator() {
        try (NDManager m = NDManager.newBaseManager()) {
            PixelTargets t = PixelTargets.of(m, new byte[][] {{0, 2, IGNORE}}, 1, 3,
                    new double[] {1, 2, 0.5}, 2);
            assertThat(t.weights().toFloatArray()).containsExactly(1f, 0f, 0f);
            float loss = PixelCrossEntropy.weightedMean(threePixels(m), t).getFloat();
            assertThat(loss).isCloseTo(1.4076059644f, within(1e-6f));
        }
    }

    @Test
    void logitsAreUpsampledToTheLabelSize() {
        // constant logits upsample to the same logits everywhere: the mean equals one pixel's CE
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {0.2f, 0.1f, -0.3f}, new Shape(1, 3, 1, 1));
            PixelTargets t = PixelTargets.of(m, new byte[][] {{1, 1, 1, 1}}, 2, 2,
                    new double[] {1, 1, 1}, -1);
            float loss = PixelCrossEntropy.weightedMean(logits, t).getFloat();
            assertThat(loss).isCloseTo(1.0208276556f, within(1e-6f));
        }
    }

    @Test
    void aBatchWithOnlyIgnoredPixelsHasZeroLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            PixelTargets t = PixelTargets.of(m, new byte[][] {{IGNORE, IGNORE, IGNORE}}, 1, 3,
                    new double[] {1, 1, 1}, -1);
            assertThat(PixelCrossEntropy.weightedMean(threePixels(m), t).getFloat()).isZero();
        }
    }
}
