package io.dropclass.method;

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
import io.dropclass.model.DeepLabV3;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.testing.TinyNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The cheap forms of the DropClass head against its literal definition A_drop = ReLU(BN(conv(A ⊙
 * s))): at inference the scaling and BatchNorm folded into one 1×1 convolution, in training the
 * scaling folded into the convolution's weight (same outputs, gradients and running statistics).
 */
class DropClassFoldingTest {

    private static final int K = 19;

    @Test
    void foldedInferenceEqualsTheUnfoldedHeadOnHrNet() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            HrNet hrnet = HrNet.create(HrNetSpec.w18SmallV1(), K);
            assertFoldedEqualsLiteral(hrnet, manager, new Shape(2, 3, 32, 48));
        }
    }

    @Test
    void foldedInferenceEqualsTheUnfoldedHeadOnDeepLabV3() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DeepLabV3 deepLab = DeepLabV3.mobileNetV3Large(K);
            assertFoldedEqualsLiteral(deepLab, manager, new Shape(1, 3, 64, 64));
        }
    }

    /**
     * The fold is taken from the current values: after a training forward (new running statistics)
     * and after the weights change (an optimizer step, a load), the next inference follows.
     */
    @Test
    void theFoldFollowsEveryChangeOfTheParameters() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork tiny = new TinyNetwork(6, 4);
            DropClassNetwork network = DropClassNetwork.wrap(tiny);
            network.initializeParameters(manager, 3);
            randomise(network, manager, new SplittableRandom(3));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(2, 3, 8, 8));
            NDArray before = network.forward(ps, new NDList(x), false).singletonOrThrow();

            network.forwardTraining(ps, x.mul(3f), DropDecision.forced(2, 0.5, 1));
            NDArray afterTraining = network.forward(ps, new NDList(x), false).singletonOrThrow();
            assertThat(maxAbsDiff(afterTraining, before)).isGreaterThan(1e-4);
            assertThat(relativeDiff(afterTraining, literal(network, tiny, ps, x)))
                    .isLessThan(1e-5);

            NDArray conv = network.namedParameters().get("clsdrop_conv1.weight").getArray();
            conv.muli(0.5f).addi(0.01f); // an in-place update, as the optimizer's
            NDArray afterStep = network.forward(ps, new NDList(x), false).singletonOrThrow();
            assertThat(maxAbsDiff(afterStep, afterTraining)).isGreaterThan(1e-4);
            assertThat(relativeDiff(afterStep, literal(network, tiny, ps, x))).isLessThan(1e-5);
        }
    }

    /** Training with W·diag(s) in the conv: outputs, running statistics and all gradients. */
    @Test
    void scalingFoldedIntoTheTrainingConvGivesTheLiteralGradients() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DropDecision decision = DropDecision.forced(3, 0.4, 2);
            List<float[]> folded = trainingStep(manager, decision, false);
            List<float[]> literal = trainingStep(manager, decision, true);
            assertThat(folded).hasSameSizeAs(literal);
            assertThat(folded.get(0)).as("drop logits").isNotEqualTo(new float[folded.get(0).length]);
            for (int i = 0; i < folded.size(); i++) {
                float[] f = folded.get(i);
                float[] l = literal.get(i);
                double scale = 0;
                double diff = 0;
                for (int j = 0; j < f.length; j++) {
                    scale = Math.max(scale, Math.abs(l[j]));
                    diff = Math.max(diff, Math.abs(f[j] - l[j]));
                }
                // absolute floor: the conv bias's gradient is 0 up to rounding (training-mode
                // BatchNorm removes any constant shift)
                assertThat(diff).as("entry %d", i).isLessThanOrEqualTo(1e-5 * scale + 1e-5);
            }
        }
    }

    /** Drop logits, then every parameter's gradient, then every parameter's value after. */
    private static List<float[]> trainingStep(
            NDManager root, DropDecision decision, boolean literal) {
        List<float[]> out = new ArrayList<>();
        try (NDManager manager = root.newSubManager()) {
            TinyNetwork tiny = new TinyNetwork(6, 4);
            DropClassNetwork network = DropClassNetwork.wrap(tiny);
            network.initializeParameters(manager, 5);
            randomise(network, manager, new SplittableRandom(5));
            for (Parameter p : network.namedParameters().values()) {
                p.getArray().setRequiresGradient(p.requiresGradient());
            }
            ParameterStore ps = new ParameterStore(manager, false);
            SplittableRandom random = new SplittableRandom(6);
            NDArray x = gaussian(manager, random, new Shape(3, 3, 6, 8));
            NDArray r = gaussian(manager, random, new Shape(3, 4, 3, 4));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray a = tiny.features(ps, x, true);
                NDArray dropped =
                        literal
                                ? LiteralDropFeatures.of(network, ps, a, decision, true)
                                : network.dropFeatures(ps, a, decision, true);
                NDArray logits = tiny.classify(ps, dropped, true);
                out.add(logits.toFloatArray());
                collector.backward(logits.mul(r).sum());
            }
            for (Parameter p : network.namedParameters().values()) {
                NDArray array = p.getArray();
                out.add(p.requiresGradient() ? array.getGradient().toFloatArray() : array.toFloatArray());
            }
        }
        return out;
    }

    private static void assertFoldedEqualsLiteral(
            SegmentationNetwork inner, NDManager manager, Shape input) {
        DropClassNetwork network = DropClassNetwork.wrap(inner);
        network.initializeParameters(manager, 7);
        randomise(network, manager, new SplittableRandom(7));
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = manager.randomNormal(input);

        NDArray folded = network.forward(ps, new NDList(x), false).singletonOrThrow();

        NDArray expected = literal(network, inner, ps, x);
        assertThat(folded.getShape()).isEqualTo(expected.getShape());
        assertThat(maxAbs(expected)).as("non-trivial logits").isGreaterThan(1e-2);
        assertThat(relativeDiff(folded, expected)).isLessThan(1e-5);
    }

    /** h(ReLU(BN(conv(A ⊙ s)))) with each operation on its own, eval mode, all classes kept. */
    private static NDArray literal(
            DropClassNetwork network, SegmentationNetwork inner, ParameterStore ps, NDArray x) {
        NDArray a = inner.features(ps, x, false);
        NDArray dropped = LiteralDropFeatures.of(network, ps, a, DropDecision.none(0, 0), false);
        return inner.classify(ps, dropped, false);
    }

    /**
     * He-scaled conv weights (the official N(0, 0.001²) would make the logits vanish), BatchNorm
     * with random affine values and running statistics, so that a wrong fold shows.
     */
    private static void randomise(
            DropClassNetwork network, NDManager manager, SplittableRandom random) {
        for (Map.Entry<String, Parameter> e : network.namedParameters().entrySet()) {
            NDArray array = e.getValue().getArray();
            Shape shape = array.getShape();
            String name = e.getKey();
            float[] v = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < v.length; i++) {
                double g = random.nextGaussian();
                double u = random.nextDouble();
                if (shape.dimension() == 4) {
                    v[i] = (float) (g * Math.sqrt(2.0 / (shape.get(1) * shape.get(2) * shape.get(3))));
                } else if (name.endsWith("running_var")) {
                    v[i] = (float) (0.5 + 1.5 * u);
                } else if (name.endsWith("running_mean")) {
                    v[i] = (float) (0.2 * g);
                } else if (name.endsWith("bias")) {
                    v[i] = (float) (0.1 * g);
                } else {
                    v[i] = (float) (0.5 + u); // BatchNorm γ
                }
            }
            try (NDArray values = manager.create(v, shape)) {
                values.copyTo(array);
            }
        }
    }

    private static NDArray gaussian(NDManager manager, SplittableRandom random, Shape shape) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        try (NDArray borrowed = manager.create(v, shape)) {
            return borrowed.duplicate();
        }
    }

    private static double relativeDiff(NDArray actual, NDArray expected) {
        return maxAbsDiff(actual, expected) / maxAbs(expected);
    }

    private static double maxAbs(NDArray a) {
        return a.abs().max().getFloat();
    }

    private static double maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
