package io.dropclass.loss;

import static io.dropclass.loss.Pixels.IGNORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class LabelSmoothingTest {

    private static final double[] ONES = {1, 1, 1};

    private static NDArray threePixels(NDManager m) {
        return Pixels.row(m, new float[][] {{1, 2, 0}, {0.5f, -1, 3}, {5, 5, 5}});
    }

    private static PixelTargets targets(NDManager m, double[] weights) {
        return PixelTargets.of(m, new byte[][] {{0, 2, IGNORE}}, 1, 3, weights, -1);
    }

    private static float loss(NDManager m, double epsilon, double[] weights) {
        PixelTargets t = targets(m, weights);
        return new LabelSmoothing(epsilon).parts(threePixels(m), t, t).get("ls").getFloat();
    }

    @Test
    void equalsPyTorchsLabelSmoothingWithoutClassWeights() {
        // torch.nn.functional.cross_entropy(x, y, ignore_index=255, label_smoothing=eps), PyTorch
        // 1.13, float64, on the same three pixels and labels
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(loss(m, 0.1, ONES)).isCloseTo(0.8599734802627147f, within(1e-6f));
            assertThat(loss(m, 0.3, ONES)).isCloseTo(1.0766401469293814f, within(1e-6f));
        }
    }

    @Test
    void weighsEachPixelByItsOwnClassWeight() {
        // (Σ_i w_{y_i} [(1 − ε)(−log p_{i,y_i}) + ε/K Σ_c (−log p_{i,c})]) / Σ_i w_{y_i}, ε = 0.1,
        // w = (1, 2, 0.5), computed in float64 from the definition
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(loss(m, 0.1, new double[] {1, 2, 0.5}))
                    .isCloseTo(1.0425176416566033f, within(1e-6f));
        }
    }

    @Test
    void epsilonZeroIsTheWeightedCrossEntropy() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] w = {1, 2, 0.5};
            float ce = PixelCrossEntropy.weightedMean(threePixels(m), targets(m, w)).getFloat();
            assertThat(loss(m, 0, w)).isCloseTo(ce, within(1e-7f));
        }
    }

    @Test
    void rejectsAnEpsilonOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new LabelSmoothing(1.0))
                .hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new LabelSmoothing(-0.1))
                .hasMessageContaining("[0, 1)");
    }
}
