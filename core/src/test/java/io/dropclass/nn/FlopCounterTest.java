package io.dropclass.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dropclass.testing.TinyNetwork;
import org.junit.jupiter.api.Test;

class FlopCounterTest {

    @Test
    void arithmeticOfConvolutionsAndMatrixProducts() {
        // 3x3 conv 16 -> 32 on a 2x(9x9) output: 2·32·81 outputs, 16 inputs · 9 taps each
        assertThat(FlopCounter.convolutionMacs(2 * 32 * 81, 16, 3, 3)).isEqualTo(746_496L);
        assertThat(FlopCounter.matrixProductMacs(6, 4, 5, 7)).isEqualTo(840L);
        assertThatThrownBy(() -> FlopCounter.report(FlopCounter.Kind.CONVOLUTION, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingIsCountedOutsideASessionAndSessionsNest() {
        FlopCounter outer = new FlopCounter();
        FlopCounter inner = new FlopCounter();
        FlopCounter.report(FlopCounter.Kind.CONVOLUTION, 5);
        assertThat(FlopCounter.counting()).isFalse();
        try (FlopCounter.Session a = outer.start()) {
            FlopCounter.report(FlopCounter.Kind.CONVOLUTION, 7);
            try (FlopCounter.Session b = inner.start()) {
                FlopCounter.report(FlopCounter.Kind.MATRIX_PRODUCT, 11);
            }
            FlopCounter.report(FlopCounter.Kind.MATRIX_PRODUCT, 13);
        }
        assertThat(FlopCounter.counting()).isFalse();
        assertThat(outer.macs(FlopCounter.Kind.CONVOLUTION)).isEqualTo(7);
        assertThat(outer.macs(FlopCounter.Kind.MATRIX_PRODUCT)).isEqualTo(13);
        assertThat(outer.flops()).isEqualTo(40);
        assertThat(inner.macs()).isEqualTo(11);
    }

    @Test
    void aStridedGroupedConvolutionReportsItsShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 8 -> 4 channels, 2 groups (4 inputs per output), 3x3, stride 2, padding 1
            Conv2dLayer conv = Conv2dLayer.builder("c", 8, 4, 3).optStride(2).optPadding(1)
                    .optGroups(2).build();
            ParameterValues.initialize(conv.layerParameters(), manager, 0, false);
            NDArray x = manager.zeros(new Shape(2, 8, 9, 10)); // -> (2, 4, 5, 5)
            FlopCounter counter = new FlopCounter();
            try (FlopCounter.Session on = counter.start()) {
                conv.forward(new ParameterStore(manager, false), x, false);
            }
            assertThat(counter.macs(FlopCounter.Kind.CONVOLUTION))
                    .isEqualTo(2L * 4 * 5 * 5 * 4 * 9);
            assertThat(counter.macs(FlopCounter.Kind.MATRIX_PRODUCT)).isZero();
        }
    }

    @Test
    void aTinyNetworkAndItsUpsamplingMatchAHandCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyNetwork network = new TinyNetwork(6, 4, 2);
            network.initializeParameters(manager, 3);
            NDArray images = manager.zeros(new Shape(1, 3, 8, 16));
            FlopCounter counter = new FlopCounter();
            try (FlopCounter.Session on = counter.start()) {
                NDArray logits = network.forward(new ParameterStore(manager, false),
                        new NDList(images), false).singletonOrThrow(); // (1, 4, 4, 8)
                BilinearResize.resize(logits, 8, 16, false); // (1, 4, 8, 16)
            }
            // encoder 1x1/2: 6·4·8 outputs × 3 inputs; classifier: 4·4·8 outputs × 6 inputs
            assertThat(counter.macs(FlopCounter.Kind.CONVOLUTION)).isEqualTo(576 + 768);
            // columns (4·4 rows of 8) · (8 × 16), then rows (8 × 4) · (4 × 16) for 4 channels
            assertThat(counter.macs(FlopCounter.Kind.MATRIX_PRODUCT))
                    .isEqualTo(4L * 4 * 8 * 16 + 4L * 8 * 4 * 16);
        }
    }
}
