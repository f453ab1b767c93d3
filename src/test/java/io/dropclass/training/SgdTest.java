package io.dropclass.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class SgdTest {

    /** Loss = sum(c * p): gradient c, constant over steps, so each step can be computed by hand. */
    private static void backward(NDArray p, float[] c) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector();
                NDManager tmp = p.getManager().newSubManager()) {
            NDArray coeff = tmp.create(c);
            gc.backward(p.mul(coeff).sum());
        }
    }

    @Test
    void followsPyTorchMomentumAndWeightDecayWithChangingLearningRate() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[] {1f, -2f});
            p.setRequiresGradient(true);
            float[] c = {0.5f, 1f};
            try (Sgd sgd = new Sgd(m, List.of(p), 0.9, 0.1, false)) {
                backward(p, c);
                sgd.step(0.1);
                // d = c + 0.1 p = (0.6, 0.8); buf = d; p = p - 0.1 d = (0.94, -2.08)
                assertThat(p.toFloatArray()).containsExactly(new float[] {0.94f, -2.08f},
                        within(1e-6f));
                assertThat(p.getGradient().toFloatArray()).containsExactly(0f, 0f);
                backward(p, c);
                sgd.step(0.05);
                // d = c + 0.1 p = (0.594, 0.792); buf = 0.9 (0.6, 0.8) + d = (1.134, 1.512)
                // p = p - 0.05 buf = (0.8833, -2.1556)
                assertThat(p.toFloatArray()).containsExactly(new float[] {0.8833f, -2.1556f},
                        within(1e-5f));
            }
        }
    }

    @Test
    void nesterovAddsTheLookAheadTerm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[] {1f});
            p.setRequiresGradient(true);
            try (Sgd sgd = new Sgd(m, List.of(p), 0.5, 0, true)) {
                backward(p, new float[] {2f});
                sgd.step(0.1);
                // d = 2; buf = 2; d = 2 + 0.5*2 = 3; p = 1 - 0.3
                assertThat(p.toFloatArray()[0]).isCloseTo(0.7f, within(1e-6f));
            }
        }
    }

    @Test
    void polyScheduleStartsAtTheBaseRateAndEndsAboveZero() {
        PolyLearningRate poly = new PolyLearningRate(0.01, 100, 0.9);
        assertThat(poly.at(0)).isEqualTo(0.01);
        assertThat(poly.at(50)).isCloseTo(0.01 * Math.pow(0.5, 0.9), within(1e-12));
        assertThat(poly.at(99)).isPositive().isLessThan(0.001);
    }
}
