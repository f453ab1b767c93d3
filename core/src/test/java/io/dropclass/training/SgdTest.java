package io.dropclass.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.dropclass.nn.TensorFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SgdTest {

    /** A trainable parameter holding the given values. */
    private static Parameter parameter(NDManager m, String name, Shape shape, float... values) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(shape).optInitializer((mg, s, t) -> mg.create(values, s)).build();
        p.initialize(m, DataType.FLOAT32);
        return p;
    }

    /** Loss = sum(c * p): gradient c, constant over steps, so each step can be computed by hand. */
    private static void backward(Parameter p, float[] c) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector();
                NDManager tmp = p.getArray().getManager().newSubManager()) {
            NDArray coeff = tmp.create(c, p.getArray().getShape());
            gc.backward(p.getArray().mul(coeff).sum());
        }
    }

    @Test
    void followsPyTorchMomentumAndWeightDecayWithChangingLearningRate() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = parameter(m, "p", new Shape(2), 1f, -2f);
            float[] c = {0.5f, 1f};
            try (Sgd sgd = Sgd.over(m, List.of(p), TensorFormat.FLOAT32, 0.9, 0.1, false)) {
                backward(p, c);
                sgd.step(0.1);
                // d = c + 0.1 p = (0.6, 0.8); buf = d; p = p - 0.1 d = (0.94, -2.08)
                assertThat(p.getArray().toFloatArray()).containsExactly(
                        new float[] {0.94f, -2.08f}, within(1e-6f));
                assertThat(p.getArray().getGradient().toFloatArray()).containsExactly(0f, 0f);
                backward(p, c);
                sgd.step(0.05);
                // d = c + 0.1 p = (0.594, 0.792); buf = 0.9 (0.6, 0.8) + d = (1.134, 1.512)
                // p = p - 0.05 buf = (0.8833, -2.1556)
                assertThat(p.getArray().toFloatArray()).containsExactly(
                        new float[] {0.8833f, -2.1556f}, within(1e-5f));
            }
        }
    }

    @Test
    void nesterovAddsTheLookAheadTerm() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = parameter(m, "p", new Shape(1), 1f);
            try (Sgd sgd = Sgd.over(m, List.of(p), TensorFormat.FLOAT32, 0.5, 0, true)) {
                backward(p, new float[] {2f});
                sgd.step(0.1);
                // d = 2; buf = 2; d = 2 + 0.5*2 = 3; p = 1 - 0.3
                assertThat(p.getArray().toFloatArray()[0]).isCloseTo(0.7f, within(1e-6f));
            }
        }
    }

    /**
     * Parameters of any shape and layout share one buffer: each steps as if alone, a channels-last
     * weight keeps its logical values, and its momentum reads back in logical order.
     */
    @Test
    void parametersOfOneBufferStepAsIfAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] wv = new float[2 * 3 * 2 * 2];
            float[] cw = new float[wv.length];
            for (int i = 0; i < wv.length; i++) {
                wv[i] = i * 0.1f - 1;
                cw[i] = (i % 5) * 0.25f;
            }
            Parameter w = parameter(m, "w", new Shape(2, 3, 2, 2), wv);
            Parameter b = parameter(m, "b", new Shape(2), 0.5f, -0.5f);
            try (Sgd sgd = Sgd.over(m, List.of(w, b), TensorFormat.float32(true), 0.9, 0.01,
                    false)) {
                assertThat(w.getArray().toFloatArray()).containsExactly(wv);
                backward(w, cw);
                backward(b, new float[] {1f, 2f});
                sgd.step(0.1);
                float[] after = w.getArray().toFloatArray();
                for (int i = 0; i < wv.length; i++) {
                    float d = cw[i] + 0.01f * wv[i];
                    assertThat(after[i]).isCloseTo(wv[i] - 0.1f * d, within(1e-6f));
                }
                assertThat(b.getArray().toFloatArray()).containsExactly(
                        new float[] {0.5f - 0.1f * (1 + 0.005f), -0.5f - 0.1f * (2 - 0.005f)},
                        within(1e-6f));
                float[] momentum = sgd.momentumBuffers().get(0).toFloatArray();
                assertThat(momentum[7]).isCloseTo(cw[7] + 0.01f * wv[7], within(1e-6f));
            }
        }
    }
}
