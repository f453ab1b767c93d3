package io.dropclass.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.dropclass.method.ClassDropSampler;
import io.dropclass.method.DropClassLoss;
import io.dropclass.method.DropClassNetwork;
import io.dropclass.method.DropClassObjective;
import io.dropclass.method.DropSchedule;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.TensorEntry;
import io.dropclass.training.TrainingBatch;
import io.dropclass.training.TrainingObjective;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** torchvision's DeepLabV3-MobileNetV3-Large: structure, names, gradients, DropClass wrapping. */
class DeepLabV3Test {

    private static final int K = 19;

    @Test
    void hasTorchvisionsParameterCountFor19Classes() {
        DeepLabV3 net = DeepLabV3.mobileNetV3Large(K);

        assertThat(net.trainableParameterCount()).isEqualTo(11_024_963L);
        assertThat(net.outputStride()).isEqualTo(16);
        assertThat(net.featureChannels()).isEqualTo(256);
        assertThat(net.numClasses()).isEqualTo(K);
        assertThat(net.classifierWeight().getName()).isEqualTo("classifier.4.weight");
        assertThat(net.classifierWeight().getShape()).isEqualTo(new Shape(K, 256, 1, 1));
        assertThat(net.classifierBias().getName()).isEqualTo("classifier.4.bias");
        assertThat(net.getOutputShapes(new Shape[] {new Shape(2, 3, 96, 160)})[0])
                .isEqualTo(new Shape(2, K, 6, 10));
    }

    @Test
    void namesAndShapesAreTorchvisionsStateDict() throws IOException {
        Map<String, TensorEntry> header =
                SafeTensors.readHeader(
                                HrNetReferenceTest.caseDir("deeplabv3_mobilenet_v3_large_a")
                                        .resolve("weights.safetensors"))
                        .tensors();
        Map<String, Shape> expected = new LinkedHashMap<>();
        header.forEach(
                (name, entry) -> {
                    if (!name.endsWith(".num_batches_tracked")) {
                        expected.put(name, entry.shape());
                    }
                });
        Map<String, Shape> actual = new LinkedHashMap<>();
        DeepLabV3.mobileNetV3Large(K)
                .namedParameters()
                .forEach((name, p) -> actual.put(name, p.getShape()));

        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(actual).containsKeys(
                "backbone.0.0.weight",
                "backbone.0.1.running_mean",
                "backbone.4.block.2.fc1.weight",
                "classifier.0.convs.0.0.weight",
                "classifier.0.convs.4.1.weight",
                "classifier.0.convs.4.2.running_var",
                "classifier.0.project.0.weight",
                "classifier.1.weight",
                "classifier.2.running_mean",
                "classifier.4.bias");
    }

    @Test
    void trainingForwardAndBackwardGiveFiniteGradientsForEveryParameter() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DeepLabV3 net = DeepLabV3.mobileNetV3Large(K);
            net.initializeParameters(manager, 7);
            NDArray images = manager.randomNormal(new Shape(2, 3, 64, 64)); // (2, 3, 64, 64)
            ParameterStore ps = new ParameterStore(manager, false);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(ps, new NDList(images), true).singletonOrThrow();
                assertThat(logits.getShape()).isEqualTo(new Shape(2, K, 4, 4));
                // a loss that reaches every logit with a different weight
                NDArray weights = manager.randomNormal(logits.getShape());
                NDArray loss = logits.mul(weights).sum();
                assertThat(Float.isFinite(loss.getFloat())).isTrue();
                collector.backward(loss);
            }
            for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
                Parameter p = e.getValue();
                if (!p.requiresGradient()) {
                    continue;
                }
                try (NDArray g = p.getArray().getGradient()) {
                    float[] values = g.toFloatArray();
                    assertThat(allFinite(values)).as(e.getKey()).isTrue();
                }
            }
            try (NDArray g = net.classifierWeight().getArray().getGradient()) {
                assertThat(g.abs().sum().getFloat()).isPositive();
            }
        }
    }

    @Test
    void inferenceIsDeterministicAndTrainingDropoutIsReproducibleFromTheSeed() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DeepLabV3 net = DeepLabV3.mobileNetV3Large(3);
            net.initializeParameters(manager, 3);
            NDArray images = manager.randomNormal(new Shape(2, 3, 64, 64));
            ParameterStore ps = new ParameterStore(manager, false);
            float[] eval1 = net.forward(ps, new NDList(images), false).head().toFloatArray();
            float[] eval2 = net.forward(ps, new NDList(images), false).head().toFloatArray();
            assertThat(eval1).containsExactly(eval2);

            DeepLabV3 a = DeepLabV3.mobileNetV3Large(3);
            DeepLabV3 b = DeepLabV3.mobileNetV3Large(3);
            a.initializeParameters(manager, 5);
            b.initializeParameters(manager, 5);
            float[] ta = a.forward(ps, new NDList(images), true).head().toFloatArray();
            float[] tb = b.forward(ps, new NDList(images), true).head().toFloatArray();
            assertThat(ta).containsExactly(tb);
            a.reseedDropout(6);
            b.reseedDropout(6);
            float[] ta2 = a.forward(ps, new NDList(images), true).head().toFloatArray();
            float[] tb2 = b.forward(ps, new NDList(images), true).head().toFloatArray();
            assertThat(ta2).containsExactly(tb2);
        }
    }

    @Test
    void dropClassWrapsDeepLabV3TrainsOneStepAndPredicts() {
        int h = 64;
        int w = 64;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DeepLabV3 deepLab = DeepLabV3.mobileNetV3Large(K);
            DropClassNetwork network =
                    DropClassNetwork.builder(deepLab)
                            .optBatchNormEps(DeepLabV3.HEAD_BN_EPS)
                            .build();
            network.initializeParameters(manager, 0);
            double[] classWeights = new double[K];
            Arrays.fill(classWeights, 1);
            TrainingObjective objective =
                    new DropClassObjective(
                            network,
                            classWeights,
                            DropSchedule.perEpoch(10),
                            ClassDropSampler.forced(K, 4),
                            DropClassLoss.DEFAULT_ALPHA);
            SplittableRandom random = new SplittableRandom(1);
            float[] pixels = new float[2 * 3 * h * w];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextGaussian();
            }
            byte[][] labels = new byte[2][h * w];
            for (byte[] label : labels) {
                for (int i = 0; i < label.length; i++) {
                    int y = random.nextInt(K + 1);
                    label[i] = (byte) (y == K ? 255 : y);
                }
            }
            TrainingBatch batch = new TrainingBatch(0, pixels, labels, h, w);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray images = manager.create(pixels, new Shape(2, 3, h, w));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TrainingObjective.Terms terms = objective.loss(ps, images, batch, 5);
                assertThat(Float.isFinite(terms.total().getFloat())).isTrue();
                collector.backward(terms.total());
            }
            try (NDArray g = deepLab.classifierWeight().getArray().getGradient()) {
                assertThat(allFinite(g.toFloatArray())).isTrue();
            }
            NDArray prediction = network.forward(ps, new NDList(images), false).singletonOrThrow();
            assertThat(prediction.getShape()).isEqualTo(new Shape(2, K, h / 16, w / 16));
            assertThat(allFinite(prediction.toFloatArray())).isTrue();
        }
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
