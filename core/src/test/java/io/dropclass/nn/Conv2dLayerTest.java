package io.dropclass.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class Conv2dLayerTest {

    @Test
    void namesAndShapesFollowPyTorch() {
        Conv2dLayer conv =
                Conv2dLayer.builder("stage2.0.fuse_layers.1.0.0.0", 16, 32, 3)
                        .optStride(2)
                        .optPadding(1)
                        .build();
        assertThat(conv.weight().getName()).isEqualTo("stage2.0.fuse_layers.1.0.0.0.weight");
        assertThat(conv.weight().getShape()).isEqualTo(new Shape(32, 16, 3, 3));
        assertThat(conv.bias()).isEmpty();
        assertThat(conv.outputSize(17)).isEqualTo(9);

        Conv2dLayer grouped = Conv2dLayer.builder("dw", 8, 8, 3).optGroups(8).optBias(true).build();
        assertThat(grouped.weight().getShape()).isEqualTo(new Shape(8, 1, 3, 3));
        assertThat(grouped.bias().orElseThrow().getName()).isEqualTo("dw.bias");
    }

    @Test
    void oneByOneConvolutionWithBiasIsAChannelMix() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Given: W = [[1, 2], [3, 4], [0, -1]], b = (0.5, 0, 1)
            Conv2dLayer conv = Conv2dLayer.builder("_classifier", 2, 3, 1).optBias(true).build();
            ParameterValues.initialize(conv.layerParameters(), manager, 0, false);
            conv.weight().getArray().set(new float[] {1, 2, 3, 4, 0, -1});
            conv.bias().orElseThrow().getArray().set(new float[] {0.5f, 0, 1});
            NDArray x = manager.create(new float[] {1, 10}, new Shape(1, 2, 1, 1));
            // When
            NDArray y = conv.forward(new ParameterStore(manager, false), x, false);
            // Then
            assertThat(y.toFloatArray()).containsExactly(21.5f, 43f, -9f);
        }
    }

    @Test
    void initialisationIsOfficialHrNetAndPyTorchBias() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv2dLayer conv = Conv2dLayer.builder("last_layer.0", 64, 64, 3).optBias(true).build();
            ParameterValues.initialize(conv.layerParameters(), manager, 7, false);
            float[] w = conv.weight().getArray().toFloatArray();
            double sq = 0;
            for (float v : w) {
                sq += v * v;
            }
            assertThat(Math.sqrt(sq / w.length)).isCloseTo(0.001, within(0.00005));
            double bound = 1 / Math.sqrt(64 * 9);
            float max = 0;
            for (float v : conv.bias().orElseThrow().getArray().toFloatArray()) {
                max = Math.max(max, Math.abs(v));
            }
            assertThat((double) max).isLessThanOrEqualTo(bound).isGreaterThan(bound / 2);
        }
    }
}
