package io.dropclass.method;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import io.dropclass.nn.FlopCounter;
import io.dropclass.training.PixelLossObjective;
import io.dropclass.training.TrainingBatch;
import io.dropclass.training.TrainingObjective;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The convolution MACs that the layers report to {@link FlopCounter} during a real training forward
 * of HRNetV2-W18-Small-v1 (with and without the DropClass branch) equal an independent count from
 * the weight shapes and the official names' branch levels ({@link ConvLevels}).
 */
class FlopCountCrossCheckTest {

    private static final int K = 19;
    private static final int H = 64;
    private static final int W = 128;

    @Test
    void reportedConvolutionMacsEqualTheCountFromWeightShapes() {
        try (NDManager root = NDManager.newBaseManager(Device.cpu())) {
            HrNet hrnet = HrNet.create(HrNetSpec.w18SmallV1(), K);
            DropClassNetwork network = DropClassNetwork.wrap(hrnet);
            network.initializeParameters(root, 0);
            double[] weights = new double[K];
            Arrays.fill(weights, 1);
            TrainingBatch batch = new TrainingBatch(0, new float[3 * H * W],
                    new byte[][] {new byte[H * W]}, H, W);
            DropClassObjective dropClass = new DropClassObjective(network, weights,
                    DropSchedule.perEpoch(10), ClassDropSampler.forced(K, 3));
            PixelLossObjective baseline = PixelLossObjective.crossEntropy(hrnet, weights);

            long withHead = convolutionMacs(root, dropClass, batch);
            long bare = convolutionMacs(root, baseline, batch);

            long shapes = 0;
            long head = 0;
            for (Map.Entry<String, Parameter> e : network.namedParameters().entrySet()) {
                Shape s = e.getValue().getShape();
                if (s.dimension() != 4) {
                    continue;
                }
                int level = ConvLevels.outputLevel(e.getKey());
                long macs = s.get(0) * s.get(1) * s.get(2) * s.get(3)
                        * ConvLevels.size(H, level) * ConvLevels.size(W, level);
                if (e.getKey().startsWith("clsdrop_")) {
                    head += macs;
                } else {
                    shapes += macs;
                }
            }
            // the drop branch: its 1x1 conv, and the classifier a second time over A_drop
            long secondClassifierPass = (long) K * network.featureChannels()
                    * ConvLevels.size(H, 0) * ConvLevels.size(W, 0);
            assertThat(bare).isEqualTo(shapes);
            assertThat(withHead).isEqualTo(shapes + head + secondClassifierPass);
        }
    }

    /** The convolution MACs of one training forward and loss, outside a gradient collector. */
    private static long convolutionMacs(
            NDManager root, TrainingObjective objective, TrainingBatch batch) {
        FlopCounter counter = new FlopCounter();
        try (NDManager scope = root.newSubManager();
                FlopCounter.Session on = counter.start()) {
            NDArray images = scope.create(batch.images(), new Shape(1, 3, H, W)); // (1, 3, H, W)
            objective.loss(new ParameterStore(scope, false), images, batch, 0);
        }
        return counter.macs(FlopCounter.Kind.CONVOLUTION);
    }
}
