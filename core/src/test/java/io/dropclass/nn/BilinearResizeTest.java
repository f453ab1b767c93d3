package io.dropclass.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.dropclass.model.weights.SafeTensors;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BilinearResizeTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private NDArray square() {
        return manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
    }

    @Test
    void upsamplesTwoByTwoLikePyTorchWithoutAlignCorners() {
        // Given: [[1, 2], [3, 4]]; source rows/cols 0, 0.25, 0.75, 1.25 -> clamped to the edge
        // When
        NDArray y = BilinearResize.resize(square(), 4, 4, false);
        // Then
        float[] expected = {
            1.00f, 1.25f, 1.75f, 2.00f,
            1.50f, 1.75f, 2.25f, 2.50f,
            2.50f, 2.75f, 3.25f, 3.50f,
            3.00f, 3.25f, 3.75f, 4.00f
        };
        assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 4, 4));
        assertThat(y.toFloatArray()).containsExactly(expected, within(1e-6f));
    }

    @Test
    void upsamplesTwoByTwoLikePyTorchWithAlignCorners() {
        // Given: corners stay corners; sources 0, 1/3, 2/3, 1 (rows) and 0, 0.5, 1 (cols)
        NDArray y = BilinearResize.resize(square(), 4, 3, true);
        float third = 1f / 3f;
        float[] expected = new float[12];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 3; c++) {
                expected[r * 3 + c] = 1 + 2 * (r * third) + c * 0.5f;
            }
        }
        assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 4, 3));
        assertThat(y.toFloatArray()).containsExactly(expected, within(1e-6f));
    }

    @Test
    void downsamplesByAveragingNeighboursWithoutAlignCorners() {
        // Given: 1 x 4 row [0, 1, 2, 3]; scale 2 -> sources 0.5 and 2.5
        NDArray x = manager.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 1, 4));
        NDArray y = BilinearResize.resize(x, 1, 2, false);
        assertThat(y.toFloatArray()).containsExactly(new float[] {0.5f, 2.5f}, within(1e-6f));
    }

    @Test
    void equalsDjlInterpolationWhenUpsampling() {
        // Given: random (2, 3, 5, 7), non-integer ratios
        NDArray x = manager.randomNormal(new Shape(2, 3, 5, 7));
        for (long[] size : new long[][] {{10, 14}, {16, 32}, {9, 11}, {5, 13}}) {
            // When
            NDArray ours = BilinearResize.resize(x, (int) size[0], (int) size[1], false);
            NDArray djl = x.getNDArrayInternal().interpolation(size, 1, false);
            // Then
            float diff = ours.sub(djl).abs().max().getFloat();
            assertThat(diff).as("size %dx%d", size[0], size[1]).isLessThan(1e-5f);
        }
    }

    @Test
    void gradientIsTheTransposedInterpolation() {
        // Given: every column of a 2 -> 4 matrix (align_corners = false) sums to 2
        NDArray x = square();
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = BilinearResize.resize(x, 4, 4, false);
            gc.backward(y.sum());
        }
        // Then: d(sum y)/dx = 2 * 2 everywhere
        assertThat(x.getGradient().toFloatArray()).containsOnly(4f);
    }

    @Test
    void matrixRowsSumToOne() {
        for (boolean align : new boolean[] {false, true}) {
            float[] m = BilinearResize.interpolationMatrix(7, 19, align);
            for (int o = 0; o < 19; o++) {
                float sum = 0;
                for (int i = 0; i < 7; i++) {
                    sum += m[o * 7 + i];
                }
                assertThat(sum).isCloseTo(1f, within(1e-6f));
            }
        }
    }

    @Test
    void sameSizeIsACopy() {
        NDArray x = square();
        NDArray y = BilinearResize.resize(x, 2, 2, false);
        assertThat(y).isNotSameAs(x);
        assertThat(y.toFloatArray()).containsExactly(x.toFloatArray());
    }

    /**
     * PyTorch's own interpolation (tools/reference/make_resize_cases.py: F.interpolate in torch
     * 1.13) and its gradient, for integer and non-integer upsampling, downsampling, align_corners
     * and a 1×1 broadcast, in float32 and float64, contiguous and channels-last.
     */
    @ParameterizedTest
    @ValueSource(strings = {"5x7-10x14-ac0", "5x7-9x11-ac0", "16x32-64x128-ac0",
        "18x34-72x136-ac0", "5x17-40x136-ac0", "5x9-33x50-ac0", "1x1-8x6-ac0",
        "64x128-16x32-ac0", "4x3-7x9-ac1", "6x8-12x16-ac1"})
    void matchesPyTorchForwardAndBackward(String name) throws Exception {
        Path file = Path.of(BilinearResizeTest.class
                .getResource("/resize/pytorch_bilinear.safetensors").toURI());
        Map<String, NDArray> cases = SafeTensors.read(file, manager);
        boolean align = name.endsWith("ac1");
        for (boolean float64 : new boolean[] {false, true}) {
            String suffix = float64 ? "64" : "";
            NDArray expected = cases.get(name + ".y" + suffix);
            NDArray expectedGradient = cases.get(name + ".dx" + suffix);
            int height = Math.toIntExact(expected.getShape().get(2));
            int width = Math.toIntExact(expected.getShape().get(3));
            // rounding of a sum of a few products, relative to the values' size
            double tolerance = float64 ? 1e-13 : 2e-6;
            for (boolean channelsLast : new boolean[] {false, true}) {
                TensorFormat format = new TensorFormat(
                        float64 ? DataType.FLOAT64 : DataType.FLOAT32, channelsLast);
                NDArray x = format.input(cases.get(name + ".x" + suffix), manager);
                x.setRequiresGradient(true);
                NDArray y;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    y = BilinearResize.resize(x, height, width, align, channelsLast);
                    gc.backward(y.mul(cases.get(name + ".g" + suffix)).sum());
                }
                String label = name + " " + format.label();
                assertThat(y.getShape()).as(label).isEqualTo(expected.getShape());
                assertThat(maxDiff(y, expected)).as(label).isLessThanOrEqualTo(
                        tolerance * Math.max(1, maxAbs(expected)));
                assertThat(maxDiff(x.getGradient(), expectedGradient)).as(label + " gradient")
                        .isLessThanOrEqualTo(tolerance * Math.max(1, maxAbs(expectedGradient)));
            }
        }
    }

    /** The banded and the dense products agree; tiles cover any input length. */
    @Test
    void tilesDivideTheInput() {
        assertThat(BilinearResize.tileSize(64)).isEqualTo(8);
        assertThat(BilinearResize.tileSize(18)).isEqualTo(6);
        assertThat(BilinearResize.tileSize(17)).isEqualTo(1);
        assertThat(BilinearResize.tileSize(5)).isEqualTo(5);
        assertThat(BilinearResize.tileSize(1)).isEqualTo(1);
    }

    private static double maxDiff(NDArray a, NDArray b) {
        return a.toType(DataType.FLOAT64, false).sub(b.toType(DataType.FLOAT64, false)).abs()
                .max().getDouble();
    }

    private static double maxAbs(NDArray a) {
        return a.toType(DataType.FLOAT64, false).abs().max().getDouble();
    }

    @Test
    void rejectsNonPositiveSizes() {
        assertThatThrownBy(() -> BilinearResize.resize(square(), 0, 3, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x3");
    }
}
