package io.dropclass.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.dropclass.data.transform.PairedTransform;
import io.dropclass.data.transform.RandomScale;
import io.dropclass.data.transform.TransformPresets;
import io.dropclass.method.DropClassNetwork;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import io.dropclass.nn.BatchNormLayer;
import io.dropclass.nn.ParameterValues;
import io.dropclass.nn.TensorFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Precise BatchNorm: the running statistics become the plain average of batch statistics. */
class PreciseBatchNormTest {

    private static final int BATCHES = 3;

    @Test
    void runningStatisticsBecomeTheAverageOfTheBatchStatisticsOfThePredictionPath() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DropClassNetwork network = DropClassNetwork.wrap(HrNet.create(HrNetSpec.w18SmallV1(), 3));
            network.initializeParameters(manager, 7);
            var transform = TransformPresets.standard(new PairedTransform.Size(64, 64),
                    RandomScale.steps(1.0, 2.0, 0.5), true, false, 1.0);
            Map<String, Parameter> named = network.namedParameters();
            try (BatchLoader loader = new BatchLoader(BatchLoaderTest.Images.random(6, 2),
                    transform, 2, 42, 1, 0)) {
                // Expected: each batch's statistics on their own, read from buffers set to 0
                // before a training forward (they then hold momentum x statistic)
                List<Parameter> buffers = PreciseBatchNorm.buffers(named);
                double[][] expected = new double[buffers.size()][];
                for (int b = 0; b < BATCHES; b++) {
                    float[][] s = statistics(network, loader.build(10 + b), buffers, manager);
                    for (int k = 0; k < s.length; k++) {
                        expected[k] = expected[k] == null ? new double[s[k].length] : expected[k];
                        for (int c = 0; c < s[k].length; c++) {
                            expected[k][c] += s[k][c] / BatchNormLayer.HRNET_MOMENTUM / BATCHES;
                        }
                    }
                }
                // a stale, exponentially averaged state, as after a short run
                for (Parameter p : buffers) {
                    ParameterValues.assign(p, manager.full(p.getArray().getShape(), 0.5f), manager);
                }
                float[] before = named.get("stage2.0.branches.0.0.conv1.weight").getArray()
                        .toFloatArray();

                new PreciseBatchNorm(network, TensorFormat.FLOAT32, loader, 10, BATCHES)
                        .recalibrate(manager, new ParameterStore(manager, false));

                // every BatchNorm: HRNet-W18-Small-v1's 72 and the DropClass head's, two buffers each
                assertThat(buffers).hasSize(2 * 73);
                for (int k = 0; k < buffers.size(); k++) {
                    float[] got = buffers.get(k).getArray().toFloatArray();
                    for (int c = 0; c < got.length; c++) {
                        assertThat((double) got[c]).as(buffers.get(k).getName() + "[" + c + "]")
                                .isCloseTo(expected[k][c],
                                        within(1e-3 * Math.abs(expected[k][c]) + 1e-6));
                    }
                }
                for (float v : named.get("clsdrop_bn1.running_var").getArray().toFloatArray()) {
                    assertThat(v).isLessThan(0.5f);
                }
                // weights are not touched
                assertThat(named.get("stage2.0.branches.0.0.conv1.weight").getArray()
                        .toFloatArray()).containsExactly(before);
            }
        }
    }

    /** Each buffer after a training forward of the prediction path from buffers at 0. */
    private static float[][] statistics(DropClassNetwork network, TrainingBatch batch,
            List<Parameter> buffers, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            for (Parameter p : buffers) {
                ParameterValues.assign(p, scope.zeros(p.getArray().getShape()), scope);
            }
            NDArray images = scope.create(batch.images(),
                    new Shape(batch.size(), 3, batch.height(), batch.width()));
            ParameterStore ps = new ParameterStore(scope, false);
            network.classify(ps, network.features(ps, images, true), true);
            float[][] out = new float[buffers.size()][];
            for (int k = 0; k < out.length; k++) {
                out[k] = buffers.get(k).getArray().toFloatArray();
            }
            return out;
        }
    }
}
