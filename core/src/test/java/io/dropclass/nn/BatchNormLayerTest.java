package io.dropclass.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchNormLayerTest {

    private static final double EPS = 1e-5;

    private NDManager manager;
    private BatchNormLayer bn;
    private ParameterStore ps;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        bn = BatchNormLayer.hrnet("layer1.0.bn1", 2);
        ParameterValues.initialize(bn.layerParameters(), manager, 1, false);
        ps = new ParameterStore(manager, false);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** (N=2, C=2, H=1, W=2): channel 0 holds 1, 2, 3, 6; channel 1 holds 5 everywhere. */
    private NDArray input() {
        return manager.create(new float[] {1, 2, 5, 5, 3, 6, 5, 5}, new Shape(2, 2, 1, 2));
    }

    @Test
    void namesFollowPyTorchAndRunningStatisticsAreNotTrainable() {
        List<String> names = bn.parameters().stream().map(Parameter::getName).toList();
        assertThat(names)
                .containsExactly(
                        "layer1.0.bn1.weight",
                        "layer1.0.bn1.bias",
                        "layer1.0.bn1.running_mean",
                        "layer1.0.bn1.running_var");
        assertThat(bn.gamma().requiresGradient()).isTrue();
        assertThat(bn.runningMean().requiresGradient()).isFalse();
        assertThat(bn.runningVar().requiresGradient()).isFalse();
        assertThat(bn.runningVar().getShape()).isEqualTo(new Shape(2));
    }

    @Test
    void trainingUsesBatchStatisticsAndUpdatesRunningOnesWithUnbiasedVariance() {
        // Given: γ = (2, 1), β = (1, 0); running mean 0, var 1
        bn.gamma().getArray().set(new float[] {2, 1});
        bn.beta().getArray().set(new float[] {1, 0});
        // When
        NDArray y = bn.forward(ps, input(), true);
        // Then: channel 0 mean 3, biased var 14/4, unbiased var 14/3
        double inv = 1 / Math.sqrt(3.5 + EPS);
        float[] out = y.toFloatArray();
        assertThat(out[0]).isCloseTo((float) (2 * (1 - 3) * inv + 1), within(1e-5f));
        assertThat(out[5]).isCloseTo((float) (2 * (6 - 3) * inv + 1), within(1e-5f));
        // constant channel -> β, up to float rounding of the mean amplified by 1/sqrt(eps)
        assertThat(out[2]).isCloseTo(0f, within(1e-4f));
        float[] mean = bn.runningMean().getArray().toFloatArray();
        float[] var = bn.runningVar().getArray().toFloatArray();
        assertThat(mean[0]).isCloseTo(0.99f * 0 + 0.01f * 3, within(1e-7f));
        assertThat(mean[1]).isCloseTo(0.01f * 5, within(1e-7f));
        assertThat(var[0]).isCloseTo((float) (0.99 * 1 + 0.01 * 14.0 / 3), within(1e-7f));
        assertThat(var[1]).isCloseTo(0.99f, within(1e-7f));
    }

    @Test
    void inferenceUsesRunningStatisticsAndChangesNothing() {
        // Given: running mean (1, 5), var (4, 9)
        bn.runningMean().getArray().set(new float[] {1, 5});
        bn.runningVar().getArray().set(new float[] {4, 9});
        // When
        NDArray y = bn.forward(ps, input(), false);
        // Then
        float[] out = y.toFloatArray();
        assertThat(out[5]).isCloseTo((float) ((6 - 1) / Math.sqrt(4 + EPS)), within(1e-6f));
        assertThat(out[2]).isCloseTo(0f, within(1e-6f));
        assertThat(bn.runningMean().getArray().toFloatArray()).containsExactly(1f, 5f);
        assertThat(bn.runningVar().getArray().toFloatArray()).containsExactly(4f, 9f);
    }
}
