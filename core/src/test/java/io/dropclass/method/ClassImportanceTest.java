package io.dropclass.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The importance vector s and the scaling A ⊙ s, with the backward formulas of docs/method.md §4.5. */
class ClassImportanceTest {

    private static final int K = 3;
    private static final int C = 4;
    private static final int B = 2;
    private static final int HW = 6; // h = 2, w = 3

    /** W (K, C) with positive, negative and zero entries. */
    private static final float[] W = {
        0.5f, -0.2f, 0f, 1.0f, //
        0.3f, 0.4f, -0.1f, 0f, //
        -0.7f, 0.2f, 0.6f, 0.1f
    };

    @Test
    void nothingDroppedIsTheMeanOfReluWeightsOverAllClasses() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray w = manager.create(W, new Shape(K, C, 1, 1));
            NDArray keep = ClassImportance.keepMask(manager, DropDecision.none(0, 0), K);

            float[] s = ClassImportance.importance(w, keep).toFloatArray();

            assertThat(s)
                    .containsExactly(
                            new float[] {0.8f / 3, 0.6f / 3, 0.6f / 3, 1.1f / 3}, within(1e-6f));
        }
    }

    @Test
    void droppingAClassAveragesTheKeptClassesOnly() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray w = manager.create(W, new Shape(K, C, 1, 1));
            NDArray keep = ClassImportance.keepMask(manager, DropDecision.forced(1, 0.5, 0), K);

            float[] s = ClassImportance.importance(w, keep).toFloatArray();

            // rows 1 and 2: ReLU then mean over n = 2
            assertThat(s).containsExactly(new float[] {0.15f, 0.3f, 0.3f, 0.05f}, within(1e-6f));
        }
    }

    @Test
    void gradientsFollowTheBackwardFormulasForABatchDecision() {
        checkGradients(DropDecision.forced(1, 0.5, 1));
    }

    @Test
    void gradientsFollowTheBackwardFormulasWithoutADrop() {
        checkGradients(DropDecision.none(0, 0));
    }

    @Test
    void gradientsFollowTheBackwardFormulasForPerImageDecisions() {
        checkGradients(new DropDecision(1, 0.5, SamplingUnit.IMAGE, List.of(2, 0), true));
    }

    /**
     * L = Σ X ⊙ R, so G = ∂L/∂X = R; then ∂L/∂A = G ⊙ s and ∂L/∂W_{c,k} = Σ_rows (m_c/n) ·
     * 1[W_{c,k} > 0] · Σ_{b in row, i, j} G·A (docs/method.md §4.5).
     */
    private static void checkGradients(DropDecision decision) {
        SplittableRandom random = new SplittableRandom(11);
        float[] a = new float[B * C * HW];
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(); // A >= 0
            r[i] = (float) random.nextGaussian();
        }
        float[] mask = decision.keepMask(K);
        int rows = decision.maskRows();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray features = manager.create(a, new Shape(B, C, 2, 3)).duplicate();
            NDArray weight = manager.create(W, new Shape(K, C, 1, 1)).duplicate();
            NDArray g = manager.create(r, new Shape(B, C, 2, 3));
            features.setRequiresGradient(true);
            weight.setRequiresGradient(true);
            float[] s;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray keep = ClassImportance.keepMask(manager, decision, K);
                NDArray importance = ClassImportance.importance(weight, keep); // (R, C)
                s = importance.toFloatArray();
                NDArray x = ClassImportance.scale(features, importance);
                collector.backward(x.mul(g).sum());
            }
            float[] gradA = features.getGradient().toFloatArray();
            float[] gradW = weight.getGradient().toFloatArray();
            for (int b = 0; b < B; b++) {
                int row = rows == 1 ? 0 : b;
                for (int k = 0; k < C; k++) {
                    for (int p = 0; p < HW; p++) {
                        int i = (b * C + k) * HW + p;
                        assertThat(gradA[i]).isCloseTo(r[i] * s[row * C + k], within(1e-6f));
                    }
                }
            }
            for (int c = 0; c < K; c++) {
                for (int k = 0; k < C; k++) {
                    double expected = 0;
                    for (int b = 0; b < B; b++) {
                        int row = rows == 1 ? 0 : b;
                        double n = 0;
                        for (int q = 0; q < K; q++) {
                            n += mask[row * K + q];
                        }
                        double ds = 0; // ∂L/∂s_k from image b
                        for (int p = 0; p < HW; p++) {
                            int i = (b * C + k) * HW + p;
                            ds += (double) r[i] * a[i];
                        }
                        double active = W[c * C + k] > 0 ? 1 : 0;
                        expected += mask[row * K + c] / n * active * ds;
                    }
                    assertThat(gradW[c * C + k])
                            .as("dL/dW[%d,%d]", c, k)
                            .isCloseTo((float) expected, within(1e-5f));
                }
            }
        }
    }
}
