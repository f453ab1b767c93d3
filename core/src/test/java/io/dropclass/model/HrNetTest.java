package io.dropclass.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.SafeTensorsHeader;
import io.dropclass.model.weights.TensorEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HrNetTest {

    @Test
    void trainableParameterCountsMatchThePaperConfigurations() {
        assertThat(HrNet.create(HrNetSpec.w18SmallV1(), 19).trainableParameterCount())
                .isEqualTo(1_540_819L);
        assertThat(HrNet.create(HrNetSpec.w18SmallV2(), 19).trainableParameterCount())
                .isEqualTo(3_939_579L);
        assertThat(HrNet.create(HrNetSpec.w48(), 19).trainableParameterCount())
                .isEqualTo(65_859_379L);
    }

    @Test
    void namesAndShapesEqualTheOfficialCheckpoint() throws IOException {
        // Given: the header of the official model's state dict (DropClass head and
        // num_batches_tracked aside)
        SafeTensorsHeader header =
                SafeTensors.readHeader(
                        HrNetReferenceTest.caseDir("hrnet_w18_small_v1_nodrop_e0")
                                .resolve("weights.safetensors"));
        Map<String, Shape> official = new LinkedHashMap<>();
        for (TensorEntry e : header.tensors().values()) {
            if (!e.name().startsWith("clsdrop_") && !e.name().endsWith("num_batches_tracked")) {
                official.put(e.name(), e.shape());
            }
        }
        // When
        HrNet net = HrNet.create(HrNetSpec.w18SmallV1(), 19);
        Map<String, Shape> ours = new LinkedHashMap<>();
        net.namedParameters().forEach((name, p) -> ours.put(name, p.getShape()));
        // Then
        assertThat(ours).containsExactlyInAnyOrderEntriesOf(official);
        assertThat(net.getParameters().keys()).containsExactlyElementsOf(ours.keySet());
        assertThat(ours.keySet())
                .startsWith("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean")
                .endsWith("_classifier.weight", "_classifier.bias");
    }

    @Test
    void forwardAndBackwardGiveFiniteGradientsForEveryTrainableParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HrNet net = HrNet.create(HrNetSpec.w18SmallV1(), 19);
            net.initializeParameters(manager, 1);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray images = manager.randomNormal(new Shape(2, 3, 64, 64));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray a = net.features(ps, images, true);
                assertThat(a.getShape()).isEqualTo(new Shape(2, 240, 16, 16));
                assertThat(a.min().getFloat()).isGreaterThanOrEqualTo(0f); // post-ReLU
                NDArray logits = net.classify(ps, a, true);
                assertThat(logits.getShape()).isEqualTo(new Shape(2, 19, 16, 16));
                gc.backward(logits.mul(logits).mean());
            }
            for (Parameter p : net.namedParameters().values()) {
                if (!p.requiresGradient()) {
                    continue;
                }
                NDArray grad = p.getArray().getGradient();
                assertThat(grad.isInfinite().any().getBoolean() || grad.isNaN().any().getBoolean())
                        .as(p.getName())
                        .isFalse();
                assertThat(grad.abs().sum().getFloat()).as(p.getName()).isPositive();
            }
        }
    }

    @Test
    void initialisationDependsOnlyOnTheSeed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HrNet a = HrNet.create(HrNetSpec.w18SmallV1(), 19);
            HrNet b = HrNet.create(HrNetSpec.w18SmallV1(), 19);
            a.initializeParameters(manager, 5);
            b.initializeParameters(manager, 5);
            for (String name : new String[] {"conv1.weight", "_classifier.bias"}) {
                assertThat(a.namedParameters().get(name).getArray().toFloatArray())
                        .containsExactly(b.namedParameters().get(name).getArray().toFloatArray());
            }
            assertThat(
                            a.namedParameters()
                                    .get("last_layer.1.running_var")
                                    .getArray()
                                    .toFloatArray())
                    .containsOnly(1f);
        }
    }

    @Test
    void inferenceLeavesRunningStatisticsAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HrNet net = HrNet.create(HrNetSpec.w18SmallV1(), 19);
            net.initializeParameters(manager, 2);
            Parameter mean = net.namedParameters().get("stage4.0.fuse_layers.0.3.1.running_mean");
            float[] before = mean.getArray().toFloatArray();
            NDArray x = manager.randomNormal(new Shape(1, 3, 32, 48));
            NDArray logits =
                    net.forward(new ParameterStore(manager, false), new NDList(x), false)
                            .singletonOrThrow();
            assertThat(logits.getShape()).isEqualTo(new Shape(1, 19, 8, 12));
            assertThat(net.getOutputShapes(new Shape[] {x.getShape()})[0])
                    .isEqualTo(logits.getShape());
            assertThat(mean.getArray().toFloatArray()).containsExactly(before);
        }
    }

    @Test
    void trainsInsideADjlTrainerWithLazyInitialisation() {
        try (Model model = Model.newInstance("hrnet")) {
            HrNet net = HrNet.create(HrNetSpec.w18SmallV1(), 3);
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
                trainer.initialize(new Shape(2, 3, 64, 64));
                Parameter bias = net.classifierBias();
                float[] before = bias.getArray().toFloatArray();
                NDManager manager = trainer.getManager();
                NDArray x = manager.randomNormal(new Shape(2, 3, 64, 64));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                    gc.backward(logits.mean());
                }
                trainer.step();
                assertThat(bias.getArray().toFloatArray()).isNotEqualTo(before);
            }
        }
    }

    @Test
    void savesAndLoadsThroughDjlModelFiles(@TempDir Path dir) throws Exception {
        float[] saved;
        try (Model model = Model.newInstance("hrnet")) {
            HrNet net = HrNet.create(HrNetSpec.w18SmallV1(), 19);
            net.initializeParameters(model.getNDManager(), 9);
            model.setBlock(net);
            model.save(dir, "hrnet");
            saved = net.classifierWeight().getArray().toFloatArray();
        }
        try (Model model = Model.newInstance("hrnet")) {
            HrNet net = HrNet.create(HrNetSpec.w18SmallV1(), 19);
            model.setBlock(net);
            model.load(dir, "hrnet");
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
                trainer.initialize(new Shape(2, 3, 64, 64));
                assertThat(net.classifierWeight().getArray().toFloatArray()).containsExactly(saved);
                assertThat(net.classifierWeight().getArray().hasGradient()).isTrue();
            }
        }
    }
}
