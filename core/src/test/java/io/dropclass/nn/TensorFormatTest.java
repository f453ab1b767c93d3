package io.dropclass.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TensorFormatTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** A channels-last weight reads back in logical order, and convolves to the same values. */
    @Test
    void channelsLastKeepsValuesAndComputesTheSameConvolution() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape ws = new Shape(5, 3, 3, 3);
            float[] w = random(135, 1);
            float[] x = random(2 * 3 * 7 * 9, 2);
            Shape xs = new Shape(2, 3, 7, 9);
            NDArray plainW = TensorFormat.FLOAT32.parameter(m.create(w, ws), m);
            NDArray lastW = TensorFormat.float32(true).parameter(m.create(w, ws), m);
            NDArray plainX = TensorFormat.FLOAT32.images(x, xs, m);
            NDArray lastX = TensorFormat.float32(true).images(x, xs, m);

            assertThat(lastW.getShape()).isEqualTo(ws);
            assertThat(lastW.toFloatArray()).containsExactly(w);
            assertThat(lastX.toFloatArray()).containsExactly(x);
            Shape one = new Shape(1, 1);
            NDArray a = plainX.getNDArrayInternal().convolution(plainX, plainW, null, one,
                    one, one, 1).singletonOrThrow();
            NDArray b = lastX.getNDArrayInternal().convolution(lastX, lastW, null, one,
                    one, one, 1).singletonOrThrow();
            assertThat(b.toFloatArray()).containsExactly(a.toFloatArray(), within(1e-5f));
        }
    }

    /** float64 arrays hold the float32 values exactly, in either layout. */
    @Test
    void float64HoldsTheValuesExactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] w = random(2 * 4 * 3 * 3, 3);
            for (boolean channelsLast : new boolean[] {false, true}) {
                TensorFormat f = new TensorFormat(DataType.FLOAT64, channelsLast);
                NDArray a = f.parameter(m.create(w, new Shape(2, 4, 3, 3)), m);
                assertThat(a.getDataType()).isEqualTo(DataType.FLOAT64);
                double[] back = a.toDoubleArray();
                for (int i = 0; i < w.length; i++) {
                    assertThat(back[i]).isEqualTo((double) w[i]);
                }
            }
        }
    }

    /** A parameter made from a Java array owns its memory: the source may be closed. */
    @Test
    void parametersOwnTheirMemory() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] w = random(24, 4);
            NDArray source = m.create(w, new Shape(2, 3, 2, 2));
            NDArray p = TensorFormat.float32(true).parameter(source, m);
            source.close();
            System.gc();
            assertThat(p.toFloatArray()).containsExactly(w);
        }
    }

    @Test
    void onlyFloatTypesAreFormats() {
        assertThatThrownBy(() -> new TensorFormat(DataType.INT32, false))
                .hasMessageContaining("float32 or float64");
        assertThat(new TensorFormat(DataType.FLOAT64, true).label())
                .isEqualTo("float64 channels_last");
    }
}
