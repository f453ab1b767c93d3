package io.dropclass.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import io.dropclass.model.weights.StateDict;
import io.dropclass.testing.TinyNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DropClassNetworkTest {

    private static final int C = 5;
    private static final int K = 4;
    private static final List<String> HEAD =
            List.of(
                    "clsdrop_conv1.weight",
                    "clsdrop_conv1.bias",
                    "clsdrop_bn1.weight",
                    "clsdrop_bn1.bias",
                    "clsdrop_bn1.running_mean",
                    "clsdrop_bn1.running_var");

    @Test
    void namesAreTheWrappedNetworksFollowedByTheOfficialHeadNames() {
        HrNet hrnet = HrNet.create(HrNetSpec.w18SmallV1(), 19);

        DropClassNetwork network = DropClassNetwork.wrap(hrnet);

        List<String> names = new ArrayList<>(network.namedParameters().keySet());
        List<String> expected = new ArrayList<>(hrnet.namedParameters().keySet());
        expected.addAll(HEAD);
        assertThat(names).isEqualTo(expected);
        // C² + C + 2C = 58,320 more than HRNet; the official count of the fixture cases
        assertThat(network.trainableParameterCount()).isEqualTo(1_599_139L);
        assertThat(network.namedParameters().get("clsdrop_conv1.weight").getShape())
                .isEqualTo(new Shape(240, 240, 1, 1));
    }

    @Test
    void initialisationIsSeededAndLeavesTheWrappedNetworkAsWithoutTheHead() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork bare = new TinyNetwork(C, K);
            bare.initializeParameters(manager, 42);
            DropClassNetwork first = DropClassNetwork.wrap(new TinyNetwork(C, K));
            DropClassNetwork second = DropClassNetwork.wrap(new TinyNetwork(C, K));
            first.initializeParameters(manager, 42);
            second.initializeParameters(manager, 42);

            Map<String, Parameter> a = first.namedParameters();
            Map<String, Parameter> b = second.namedParameters();
            a.forEach(
                    (name, p) ->
                            assertThat(p.getArray().toFloatArray())
                                    .as(name)
                                    .containsExactly(b.get(name).getArray().toFloatArray()));
            bare.namedParameters()
                    .forEach(
                            (name, p) ->
                                    assertThat(a.get(name).getArray().toFloatArray())
                                            .containsExactly(p.getArray().toFloatArray()));
            float[] conv = a.get("clsdrop_conv1.weight").getArray().toFloatArray();
            double sq = 0;
            for (float v : conv) {
                sq += v * v;
            }
            assertThat(Math.sqrt(sq / conv.length)).isCloseTo(0.001, within(0.0004));
            for (float v : a.get("clsdrop_conv1.bias").getArray().toFloatArray()) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo((float) (1 / Math.sqrt(C)));
            }
            assertThat(a.get("clsdrop_bn1.weight").getArray().toFloatArray()).containsOnly(1f);
            assertThat(a.get("clsdrop_bn1.bias").getArray().toFloatArray()).containsOnly(0f);
            assertThat(a.get("clsdrop_bn1.running_mean").getArray().toFloatArray())
                    .containsOnly(0f);
            assertThat(a.get("clsdrop_bn1.running_var").getArray().toFloatArray()).containsOnly(1f);
        }
    }

    @Test
    void inferencePredictsWithTheDropBranchWithEveryClassKept() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork tiny = new TinyNetwork(C, K);
            DropClassNetwork network = DropClassNetwork.wrap(tiny);
            network.initializeParameters(manager, 1);
            randomiseHead(network, manager);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(2, 3, 6, 8));

            NDArray predicted = network.forward(ps, new NDList(x), false).singletonOrThrow();

            NDArray a = tiny.features(ps, x, false);
            NDArray plain = tiny.classify(ps, a, false);
            NDArray drop =
                    tiny.classify(
                            ps, network.dropFeatures(ps, a, DropDecision.none(0, 0), false), false);
            assertThat(predicted.getShape()).isEqualTo(new Shape(2, K, 3, 4));
            assertThat(maxAbsDiff(predicted, drop)).isLessThan(1e-6);
            assertThat(maxAbsDiff(predicted, plain)).isGreaterThan(1e-2);
            DropClassNetwork plainBranch =
                    DropClassNetwork.builder(tiny)
                            .optPredictionBranch(PredictionBranch.PLAIN)
                            .build();
            plainBranch.initializeParameters(manager, 1);
            NDArray fromPlain = plainBranch.forward(ps, new NDList(x), false).singletonOrThrow();
            assertThat(maxAbsDiff(fromPlain, plain)).isLessThan(1e-6);
        }
    }

    /** p = 0: A_drop = ReLU(BN(conv(A ⊙ s))) with s the mean over all K of ReLU(W_c), by hand. */
    @Test
    void nothingDroppedScalesByTheMeanOverAllClasses() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork tiny = new TinyNetwork(C, K);
            DropClassNetwork network = DropClassNetwork.wrap(tiny);
            network.initializeParameters(manager, 2);
            randomiseHead(network, manager);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray a = tiny.features(ps, manager.randomNormal(new Shape(3, 3, 4, 4)), false);

            NDArray viaHead = network.dropFeatures(ps, a, DropDecision.none(0, 0), false);

            Map<String, Parameter> p = network.namedParameters();
            NDArray w = tiny.classifierWeight().getArray().reshape(K, C);
            NDArray s = w.maximum(0f).mean(new int[] {0}); // (C)
            NDArray x = a.transpose(0, 2, 3, 1).mul(s); // (B, h, w, C)
            NDArray conv =
                    x.matMul(p.get("clsdrop_conv1.weight").getArray().reshape(C, C).transpose())
                            .add(p.get("clsdrop_conv1.bias").getArray()); // (B, h, w, C)
            NDArray bn =
                    conv.sub(p.get("clsdrop_bn1.running_mean").getArray())
                            .div(p.get("clsdrop_bn1.running_var").getArray().add(1e-5f).sqrt())
                            .mul(p.get("clsdrop_bn1.weight").getArray())
                            .add(p.get("clsdrop_bn1.bias").getArray());
            NDArray byHand = bn.maximum(0f).transpose(0, 3, 1, 2); // (B, C, h, w)
            assertThat(maxAbsDiff(viaHead, byHand)).isLessThan(1e-5);
        }
    }

    @Test
    void perImageDecisionsUseEachImagesOwnImportanceVector() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork tiny = new TinyNetwork(C, K);
            DropClassNetwork network = DropClassNetwork.wrap(tiny);
            network.initializeParameters(manager, 3);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray a = tiny.features(ps, manager.randomNormal(new Shape(2, 3, 4, 6)), false);
            DropDecision perImage =
                    new DropDecision(4, 0.4, SamplingUnit.IMAGE, List.of(3, 1), true);

            NDArray both = network.dropFeatures(ps, a, perImage, false); // eval-mode BN

            for (int b = 0; b < 2; b++) {
                NDArray single = a.get(b + ":" + (b + 1));
                NDArray alone =
                        network.dropFeatures(
                                ps,
                                single,
                                DropDecision.forced(4, 0.4, perImage.droppedClassOf(b)),
                                false);
                assertThat(maxAbsDiff(both.get(b + ":" + (b + 1)), alone)).isLessThan(1e-6);
            }
        }
    }

    /**
     * The dropped row z of W and entries W ≤ 0 get gradient only through the classifier h: with L =
     * Σ ŷ_drop ⊙ R, ∂L/∂W_{c,k} − Σ R_c·A_drop_k is 0 there, and for kept rows with W > 0 it is the
     * same value g_k / n in every row (docs/method.md §4.4, §4.5).
     */
    @Test
    void classifierWeightsGetGradientThroughSOnlyForKeptClassesAndPositiveWeights() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TinyNetwork tiny = new TinyNetwork(C, K);
            DropClassNetwork network = DropClassNetwork.wrap(tiny);
            network.initializeParameters(manager, 4);
            randomiseHead(network, manager);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(2, 3, 4, 6));
            int z = 2;
            DropDecision decision = DropDecision.forced(1, 0.5, z);
            NDArray r = manager.randomNormal(new Shape(2, K, 2, 3));
            NDArray weight = tiny.classifierWeight().getArray();
            NDArray dropFeatures;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray a = tiny.features(ps, x, true);
                dropFeatures = network.dropFeatures(ps, a, decision, true);
                NDArray dropLogits = tiny.classify(ps, dropFeatures, true);
                collector.backward(dropLogits.mul(r).sum());
            }
            // classifier-only part: Σ_{b,i,j} R[b,c,i,j]·A_drop[b,k,i,j]  -> (K, C)
            NDArray viaH =
                    r.transpose(1, 0, 2, 3)
                            .reshape(K, -1)
                            .matMul(dropFeatures.transpose(1, 0, 2, 3).reshape(C, -1).transpose());
            float[] viaS = weight.getGradient().reshape(K, C).sub(viaH).toFloatArray();
            float[] w = weight.toFloatArray();
            for (int k = 0; k < C; k++) {
                Float shared = null;
                for (int c = 0; c < K; c++) {
                    float v = viaS[c * C + k];
                    if (c == z || w[c * C + k] <= 0) {
                        assertThat(v).as("W[%d,%d]", c, k).isCloseTo(0f, within(1e-5f));
                    } else if (shared == null) {
                        shared = v;
                    } else {
                        assertThat(v).as("W[%d,%d]", c, k).isCloseTo(shared, within(1e-5f));
                    }
                }
            }
            float largest = 0;
            for (float v : viaS) {
                largest = Math.max(largest, Math.abs(v));
            }
            assertThat(largest).as("some gradient flows through s").isGreaterThan(1e-4f);
        }
    }

    @Test
    void checkpointsCarryTheHeadUnderItsOfficialNames() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DropClassNetwork network = DropClassNetwork.wrap(new TinyNetwork(C, K));
            network.initializeParameters(manager, 5);

            Map<String, NDArray> state = StateDict.export(network, manager);

            assertThat(state.keySet()).containsAll(HEAD).contains("classifier.weight");
        }
    }

    /** Gives the head's BN non-trivial statistics and affine values, the conv a larger scale. */
    private static void randomiseHead(DropClassNetwork network, NDManager manager) {
        Map<String, Parameter> p = network.namedParameters();
        try (NDManager scratch = manager.newSubManager()) {
            set(p.get("clsdrop_conv1.weight"), scratch.randomNormal(new Shape(C, C, 1, 1)));
            set(p.get("clsdrop_bn1.weight"), scratch.randomUniform(0.5f, 1.5f, new Shape(C)));
            set(p.get("clsdrop_bn1.bias"), scratch.randomNormal(new Shape(C)).mul(0.1f));
            set(p.get("clsdrop_bn1.running_mean"), scratch.randomNormal(new Shape(C)));
            set(p.get("clsdrop_bn1.running_var"), scratch.randomUniform(0.5f, 2f, new Shape(C)));
        }
    }

    private static void set(Parameter parameter, NDArray values) {
        values.copyTo(parameter.getArray());
    }

    private static double maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
