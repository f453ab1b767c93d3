package io.dropclass.analysis.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.dropclass.method.DropClassNetwork;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.nn.BilinearResize;
import io.dropclass.testing.TinyNetwork;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GradCamTest {

    private static final int H = 6;
    private static final int W = 8;
    private static final int C = 4;
    private static final int K = 3;

    private static float[] image(int height, int width, long seed) {
        Random random = new Random(seed);
        float[] x = new float[3 * height * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    @Test
    void groundTruthCamOfAOneByOneHeadIsReluOfTheClassRowTimesA() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Given a 1x1 head (logits = W A + b), stride 2: A is (1, 4, 3, 4)
            TinyNetwork net = new TinyNetwork(C, K);
            net.initializeParameters(manager, 3);
            float[] x = image(H, W, 11);
            float[][] weights = ClassifierWeights.read(net);
            boolean somewherePositive = false;
            for (int c = 0; c < K; c++) {
                byte[] labels = new byte[H * W];
                java.util.Arrays.fill(labels, (byte) ((c + 1) % K));
                for (int r = 0; r < 3; r++) {
                    for (int col = 0; col < 4; col++) {
                        labels[r * W + col] = (byte) c; // 12 pixels of class c
                    }
                }

                // When
                GradCamResult cam =
                        GradCam.compute(net, manager,
                                new GradCamRequest(x, H, W, c, CamTarget.GROUND_TRUTH, labels));

                // Then w_k = W_ck · |M| / (h·w) = W_ck · 12 / 12 (bilinear rows sum to 1)
                assertThat(cam.empty()).isFalse();
                assertThat(cam.targetPixels()).isEqualTo(12);
                for (int k = 0; k < C; k++) {
                    assertThat(cam.channelWeights()[k]).isCloseTo(weights[c][k], within(1e-5f));
                }
                // and the map is ReLU(W_c · A), upsampled, over its maximum (0 if nowhere positive)
                try (NDManager scope = manager.newSubManager()) {
                    ParameterStore ps = new ParameterStore(scope, false);
                    NDArray input = scope.create(x, new Shape(1, 3, H, W));
                    float[] a = net.features(ps, input, false).toFloatArray(); // (1, C, 3, 4)
                    int hw = 12;
                    float[] low = new float[hw];
                    for (int q = 0; q < hw; q++) {
                        float s = 0;
                        for (int k = 0; k < C; k++) {
                            s += weights[c][k] * a[k * hw + q];
                        }
                        low[q] = Math.max(0f, s);
                    }
                    float[] up =
                            BilinearResize.resize(scope.create(low, new Shape(1, 1, 3, 4)), H, W, false)
                                    .toFloatArray();
                    float max = 0;
                    for (float v : up) {
                        max = Math.max(max, v);
                    }
                    somewherePositive |= max > 0;
                    assertThat(cam.camMax()).isCloseTo(max, within(1e-4));
                    for (int i = 0; i < up.length; i++) {
                        float expected = max > 0 ? up[i] / max : 0f;
                        assertThat(cam.heatMap()[i]).as("class %d pixel %d", c, i)
                                .isCloseTo(expected, within(1e-5f));
                    }
                    // the score is c's upsampled logit summed over the mask
                    NDArray logits = net.forward(ps, new NDList(input), false).singletonOrThrow();
                    float[] full = BilinearResize.resize(logits, H, W, false).toFloatArray();
                    double expected = 0;
                    for (int i = 0; i < H * W; i++) {
                        if (labels[i] == c) {
                            expected += full[c * H * W + i];
                        }
                    }
                    assertThat(cam.score()).isCloseTo(expected, within(1e-4));
                }
            }
            assertThat(somewherePositive).as("a class with a non-trivial map").isTrue();
        }
    }

    @Test
    void emptyMaskGivesAnAllZeroMapMarkedEmpty() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyNetwork net = new TinyNetwork(C, K);
            net.initializeParameters(manager, 4);
            byte[] labels = new byte[H * W]; // all class 0

            GradCamResult cam =
                    GradCam.compute(net, manager,
                            new GradCamRequest(image(H, W, 1), H, W, 2, CamTarget.GROUND_TRUTH, labels));

            assertThat(cam.empty()).isTrue();
            assertThat(cam.targetPixels()).isZero();
            assertThat(cam.score()).isZero();
            assertThat(cam.heatMap()).hasSize(H * W).containsOnly(0f);
        }
    }

    @Test
    void predictedMaskMatchesTheArgmaxAndLeavesParameterGradientsAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyNetwork net = new TinyNetwork(C, K);
            net.initializeParameters(manager, 5);
            float[] x = image(H, W, 2);
            int[] argmax = argmax(net, manager, x);
            int c = argmax[0];
            int count = 0;
            for (int v : argmax) {
                count += v == c ? 1 : 0;
            }
            Map<String, float[]> before = gradients(net);

            GradCamResult cam = GradCam.compute(net, manager,
                    new GradCamRequest(x, H, W, c, CamTarget.PREDICTED, null));

            assertThat(cam.targetPixels()).isEqualTo(count);
            assertThat(cam.empty()).isFalse();
            assertThat(cam.heatMap()).hasSize(H * W);
            for (float v : cam.heatMap()) {
                assertThat(v).isBetween(0f, 1f);
            }
            Map<String, float[]> after = gradients(net);
            assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
            before.forEach((name, g) -> assertThat(after.get(name)).as(name).containsExactly(g));
        }
    }

    @Test
    void explainsTheDropBranchOfADropClassNetwork() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DropClassNetwork net = DropClassNetwork.wrap(new TinyNetwork(C, K));
            net.initializeParameters(manager, 6);
            float[] x = image(H, W, 3);
            int c = argmax(net, manager, x)[5];

            GradCamResult cam = GradCam.compute(net, manager,
                    new GradCamRequest(x, H, W, c, CamTarget.PREDICTED, null));

            assertThat(cam.empty()).isFalse();
            for (float v : cam.heatMap()) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void hrnetW18SmallRunsOnA64By96Image() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HrNet net = HrNet.create(HrNetSpec.w18SmallV1(), 19);
            net.initializeParameters(manager, 1);
            float[] x = image(64, 96, 4);
            int c = argmax(net, manager, x, 64, 96)[0];
            float[] mean = net.namedParameters().get("bn1.running_mean").getArray().toFloatArray();

            GradCamResult cam = GradCam.compute(net, manager,
                    new GradCamRequest(x, 64, 96, c, CamTarget.PREDICTED, null));

            assertThat(cam.heatMap()).hasSize(64 * 96);
            assertThat(cam.targetPixels()).isPositive();
            assertThat(Double.isFinite(cam.score())).isTrue();
            assertThat(cam.channelWeights()).hasSize(net.featureChannels());
            for (float v : cam.heatMap()) {
                assertThat(v).isBetween(0f, 1f);
            }
            assertThat(net.namedParameters().get("bn1.running_mean").getArray().toFloatArray())
                    .containsExactly(mean); // inference mode
        }
    }

    private static int[] argmax(SegmentationNetwork net, NDManager manager, float[] x) {
        return argmax(net, manager, x, H, W);
    }

    private static int[] argmax(
            SegmentationNetwork net, NDManager manager, float[] x, int height, int width) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray logits =
                    net.forward(
                                    new ParameterStore(scope, false),
                                    new NDList(scope.create(x, new Shape(1, 3, height, width))),
                                    false)
                            .singletonOrThrow();
            NDArray full = BilinearResize.resize(logits, height, width, false);
            long[] am = full.argMax(1).toLongArray();
            int[] out = new int[am.length];
            for (int i = 0; i < am.length; i++) {
                out[i] = (int) am[i];
            }
            return out;
        }
    }

    private static Map<String, float[]> gradients(SegmentationNetwork net) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            NDArray array = e.getValue().getArray();
            if (e.getValue().requiresGradient() && array.hasGradient()) {
                try (NDArray g = array.getGradient()) {
                    out.put(e.getKey(), g.toFloatArray());
                }
            }
        }
        return out;
    }
}
