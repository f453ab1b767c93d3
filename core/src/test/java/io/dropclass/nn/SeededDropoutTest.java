package io.dropclass.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The mask of the n-th training forward is a pure function of (seed, n): resumable. */
class SeededDropoutTest {

    private static float[] forward(SeededDropout dropout, NDManager manager) {
        try (NDArray x = manager.ones(new Shape(2, 8, 4, 4));
                NDArray y = dropout.forward(null, x, true)) {
            return y.toFloatArray();
        }
    }

    @Test
    void aPositionedStreamDrawsTheMasksOfAnUninterruptedOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SeededDropout whole = new SeededDropout(0.5);
            whole.reseed(42);
            float[][] masks = new float[5][];
            for (int n = 0; n < masks.length; n++) {
                masks[n] = forward(whole, manager);
            }
            assertThat(masks[3]).isNotEqualTo(masks[2]);
            assertThat(whole.position()).isEqualTo(5);

            SeededDropout resumed = new SeededDropout(0.5);
            resumed.reseed(42);
            resumed.position(3);
            assertThat(forward(resumed, manager)).isEqualTo(masks[3]);
            assertThat(forward(resumed, manager)).isEqualTo(masks[4]);
            // inference forwards do not move the stream
            try (NDArray x = manager.ones(new Shape(2, 8, 4, 4))) {
                resumed.forward(null, x, false).close();
            }
            assertThat(resumed.position()).isEqualTo(5);
        }
    }
}
