package io.dropclass.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConvBnTest {

    /** Inference runs one convolution with BatchNorm folded in; it equals conv, BN, ReLU. */
    @Test
    void inferenceFoldsBatchNormIntoTheConvolution() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ConvBn strided = ConvBn.hrnet("a", 4, 6, 3, 2, true);
            ConvBn withBias =
                    ConvBn.of(
                            Conv2dLayer.builder("b.0", 4, 4, 3)
                                    .optPadding(1)
                                    .optGroups(4)
                                    .optBias(true)
                                    .build(),
                            new BatchNormLayer("b.1", 4, 0.01, 1e-3),
                            false);
            for (ConvBn layer : new ConvBn[] {strided, withBias}) {
                randomise(layer, manager, new SplittableRandom(11));
                ParameterStore ps = new ParameterStore(manager, false);
                NDArray x = manager.randomNormal(new Shape(2, 4, 9, 7));

                NDArray folded = layer.forward(ps, x, false);

                NDArray conv = layer.conv().forward(ps, x, false);
                NDArray expected = layer.bn().forward(ps, conv, false);
                if (layer == strided) {
                    expected = expected.getNDArrayInternal().relu();
                    assertThat(expected.lt(0f).any().getBoolean()).isFalse();
                }
                assertThat(folded.getShape()).isEqualTo(expected.getShape());
                double scale = expected.abs().max().getFloat();
                assertThat(scale).isGreaterThan(0.1);
                assertThat(folded.sub(expected).abs().max().getFloat() / scale)
                        .isLessThan(1e-5);
            }
        }
    }

    /** Random weights, biases, BN affine values and running statistics. */
    private static void randomise(ConvBn layer, NDManager manager, SplittableRandom random) {
        for (LayerParameter lp : layer.layerParameters()) {
            Shape shape = lp.parameter().getShape();
            float[] v = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < v.length; i++) {
                double g = random.nextGaussian();
                v[i] =
                        (float)
                                (lp.name().endsWith("running_var")
                                        ? 0.5 + random.nextDouble()
                                        : lp.name().endsWith(".1.weight")
                                                ? 0.5 + random.nextDouble()
                                                : g);
            }
            try (NDArray values = manager.create(v, shape)) {
                ParameterValues.assign(lp.parameter(), values, manager);
            }
        }
    }
}
