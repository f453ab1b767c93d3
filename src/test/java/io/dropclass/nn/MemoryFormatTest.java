package io.dropclass.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryFormatTest {

    private static final int B = 2;
    private static final int H = 5;
    private static final int W = 7;

    @AfterEach
    void restoreDefault() {
        MemoryFormat.useChannelsLast(true);
    }

    private static float[] planar() {
        SplittableRandom random = new SplittableRandom(3);
        float[] values = new float[B * 3 * H * W];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void channelsLastAndPlainBatchesHoldTheSameValuesInTheSameLogicalOrder() {
        float[] values = planar();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            MemoryFormat.useChannelsLast(true);
            NDArray last = MemoryFormat.images(manager, values, B, H, W);
            MemoryFormat.useChannelsLast(false);
            NDArray plain = MemoryFormat.images(manager, values, B, H, W);
            assertThat(last.getShape()).isEqualTo(new Shape(B, 3, H, W));
            assertThat(plain.getShape()).isEqualTo(new Shape(B, 3, H, W));
            assertThat(last.toFloatArray()).containsExactly(values);
            assertThat(plain.toFloatArray()).containsExactly(values);
            // element (1, 2, 3, 4) is where NCHW row-major puts it, whatever the storage
            assertThat(last.getFloat(1, 2, 3, 4)).isEqualTo(values[((3 + 2) * H + 3) * W + 4]);
        }
    }

    @Test
    void aConvolutionGivesTheSameOutputOnBothLayouts() {
        float[] values = planar();
        SplittableRandom random = new SplittableRandom(5);
        float[] weight = new float[4 * 3 * 3 * 3];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) random.nextGaussian();
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Conv2dLayer conv = Conv2dLayer.builder("conv", 3, 4, 3).optPadding(1).build();
            NDArray w = manager.create(weight, new Shape(4, 3, 3, 3));
            MemoryFormat.useChannelsLast(true);
            float[] last = conv.convolve(MemoryFormat.images(manager, values, B, H, W), w, null)
                    .toFloatArray();
            MemoryFormat.useChannelsLast(false);
            float[] plain = conv.convolve(MemoryFormat.images(manager, values, B, H, W), w, null)
                    .toFloatArray();
            assertThat(last).hasSameSizeAs(plain);
            for (int i = 0; i < plain.length; i++) {
                assertThat(last[i]).isCloseTo(plain[i], org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void aBatchOfTheWrongSizeIsRefused() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            assertThatThrownBy(() -> MemoryFormat.images(manager, new float[10], 1, H, W))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1x3x5x7");
        }
    }
}
