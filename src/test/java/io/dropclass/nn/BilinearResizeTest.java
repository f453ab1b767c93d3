package io.dropclass.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    @Test
    void rejectsNonPositiveSizes() {
        assertThatThrownBy(() -> BilinearResize.resize(square(), 0, 3, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x3");
    }
}
