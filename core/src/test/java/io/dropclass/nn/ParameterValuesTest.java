package io.dropclass.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {

    @Test
    void assignCreatesAFloatArrayThenOverwritesItInPlace() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv2dLayer conv = Conv2dLayer.builder("conv1", 1, 2, 1).build();
            Parameter w = conv.weight();
            // When: first assignment (F64 source)
            NDArray source = manager.create(new double[] {1, 2}, new Shape(2, 1, 1, 1));
            ParameterValues.assign(w, source, manager);
            NDArray array = w.getArray();
            // Then
            assertThat(array.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(array.hasGradient()).isTrue();
            // When: second assignment
            ParameterValues.assign(
                    w, manager.create(new float[] {3, 4}, new Shape(2, 1, 1, 1)), manager);
            // Then: same array object, new values, still trainable
            assertThat(w.getArray()).isSameAs(array);
            assertThat(array.toFloatArray()).containsExactly(3f, 4f);
            assertThat(array.hasGradient()).isTrue();
            assertThat(source.toDoubleArray()).containsExactly(1, 2); // source untouched
        }
    }

    @Test
    void assignRejectsAnotherShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter w = Conv2dLayer.builder("conv1", 1, 2, 1).build().weight();
            NDArray wrong = manager.zeros(new Shape(2, 1));
            assertThatThrownBy(() -> ParameterValues.assign(w, wrong, manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("conv1.weight");
        }
    }

    @Test
    void seededInitialisationIsReproducibleAndMissingOnlyKeepsValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv2dLayer a = Conv2dLayer.builder("c", 4, 4, 3).optBias(true).build();
            Conv2dLayer b = Conv2dLayer.builder("c", 4, 4, 3).optBias(true).build();
            ParameterValues.initialize(a.layerParameters(), manager, 42, false);
            ParameterValues.initialize(b.layerParameters(), manager, 42, false);
            assertThat(a.weight().getArray().toFloatArray())
                    .containsExactly(b.weight().getArray().toFloatArray());
            float[] before = a.weight().getArray().toFloatArray();
            ParameterValues.initialize(a.layerParameters(), manager, 43, true);
            assertThat(a.weight().getArray().toFloatArray()).containsExactly(before);
            ParameterValues.initialize(a.layerParameters(), manager, 43, false);
            assertThat(a.weight().getArray().toFloatArray()).isNotEqualTo(before);
        }
    }
}
