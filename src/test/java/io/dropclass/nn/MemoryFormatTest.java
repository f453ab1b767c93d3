package io.dropclass.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryFormatTest {

    @AfterEach
    void restoreDefault() {
        MemoryFormat.useChannelsLast(true);
    }

    private static float[] gaussian(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void aChannelsLastWeightKeepsItsShapeAndItsValuesInLogicalOrder() {
        float[] values = gaussian(4 * 3 * 2 * 5, 1);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray weight = MemoryFormat.parameter(
                    manager.create(values, new Shape(4, 3, 2, 5)).duplicate(), manager);
            assertThat(weight.getShape()).isEqualTo(new Shape(4, 3, 2, 5));
            assertThat(weight.toFloatArray()).containsExactly(values);
            // element (3, 1, 1, 2) is where NCHW row-major order puts it, whatever the storage
            assertThat(weight.getFloat(3, 1, 1, 2)).isEqualTo(values[((3 * 3 + 1) * 2 + 1) * 5 + 2]);
        }
    }

    @Test
    void otherArraysAndThePlainChoiceAreLeftAsTheyAre() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray bias = manager.create(gaussian(4, 2), new Shape(4));
            assertThat(MemoryFormat.parameter(bias, manager)).isSameAs(bias);
            MemoryFormat.useChannelsLast(false);
            NDArray weight = manager.create(gaussian(8, 3), new Shape(2, 1, 2, 2));
            assertThat(MemoryFormat.parameter(weight, manager)).isSameAs(weight);
        }
    }

    @Test
    void aConvolutionAndItsGradientsAreTheSameWithEitherWeightLayout() {
        float[] input = gaussian(2 * 3 * 6 * 7, 4);
        float[] kernel = gaussian(5 * 3 * 3 * 3, 5);
        float[][] results = new float[2][];
        float[][] gradients = new float[2][];
        for (int layout = 0; layout < 2; layout++) {
            MemoryFormat.useChannelsLast(layout == 1);
            try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                Conv2dLayer conv = Conv2dLayer.builder("conv", 3, 5, 3).optPadding(1).build();
                NDArray w = MemoryFormat.parameter(
                        manager.create(kernel, new Shape(5, 3, 3, 3)).duplicate(), manager);
                w.setRequiresGradient(true);
                NDArray x = manager.create(input, new Shape(2, 3, 6, 7)); // (B, 3, H, W)
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y = conv.convolve(x, w, null); // (B, 5, H, W)
                    results[layout] = y.toFloatArray();
                    collector.backward(y.square().sum());
                }
                gradients[layout] = w.getGradient().toFloatArray();
            }
        }
        for (int i = 0; i < results[0].length; i++) {
            assertThat(results[1][i]).isCloseTo(results[0][i], Offset.offset(1e-4f));
        }
        for (int i = 0; i < gradients[0].length; i++) {
            assertThat(gradients[1][i]).isCloseTo(gradients[0][i], Offset.offset(1e-3f));
        }
    }
}
