package io.dropclass.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.dropclass.method.DropClassNetwork;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import io.dropclass.model.SegmentationNetwork;
import io.dropclass.nn.ParameterValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainedWeightsTest {

    @TempDir Path dir;

    private static HrNet hrnet(NDManager manager, long seed, int classes) {
        HrNet net = HrNet.create(HrNetSpec.w18SmallV1(), classes);
        net.initializeParameters(manager, seed);
        return net;
    }

    /** Non-trivial running statistics, so a BN buffer landing in the wrong place shows. */
    private static void perturbBuffers(SegmentationNetwork net, NDManager manager) {
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            if (e.getKey().endsWith(".running_mean") || e.getKey().endsWith(".running_var")) {
                NDArray values =
                        manager.randomUniform(0.5f, 1.5f, e.getValue().getShape());
                ParameterValues.assign(e.getValue(), values, manager);
            }
        }
    }

    /**
     * An HRNet ImageNet classification state dict (official cls_hrnet / timm hrnet names) made by
     * renaming a segmentation network's: no last_layer/_classifier, plus the classification head
     * and num_batches_tracked buffers.
     */
    private static Map<String, NDArray> imageNetNamed(HrNet source, NDManager manager) {
        Map<String, NDArray> state = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : StateDict.export(source, manager).entrySet()) {
            String name = e.getKey();
            if (name.startsWith("last_layer.") || name.startsWith("_classifier.")) {
                continue;
            }
            state.put(name, e.getValue());
            if (name.endsWith(".running_var")) {
                state.put(
                        name.replace(".running_var", ".num_batches_tracked"),
                        manager.create(7L));
            }
        }
        state.put("incre_modules.0.0.conv1.weight", manager.ones(new Shape(32, 16, 1, 1)));
        state.put("incre_modules.0.0.bn1.num_batches_tracked", manager.create(3L));
        state.put("downsamp_modules.0.0.weight", manager.ones(new Shape(256, 128, 3, 3)));
        state.put("downsamp_modules.0.0.bias", manager.ones(new Shape(256)));
        state.put("final_layer.0.weight", manager.ones(new Shape(2048, 1024, 1, 1)));
        state.put("final_layer.1.running_var", manager.ones(new Shape(2048)));
        state.put("classifier.weight", manager.ones(new Shape(1000, 2048)));
        state.put("classifier.bias", manager.ones(new Shape(1000)));
        return state;
    }

    private static NDArray logits(SegmentationNetwork net, NDArray x, NDManager manager) {
        return net.forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow();
    }

    private static void copyHead(SegmentationNetwork from, SegmentationNetwork to, NDManager m) {
        for (Map.Entry<String, Parameter> e : to.namedParameters().entrySet()) {
            String name = e.getKey();
            if (!TargetArchitecture.HRNET.isBackbone(name)) {
                ParameterValues.assign(e.getValue(), from.namedParameters().get(name).getArray(), m);
            }
        }
    }

    @Test
    void imageNetNamedHrnetLoadsEveryBackboneTensorInPlace() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Given: a file in ImageNet/timm naming, renamed from a known network
            HrNet source = hrnet(manager, 11, 19);
            perturbBuffers(source, manager);
            Path file = dir.resolve("hrnet_w18_small.safetensors");
            SafeTensors.write(file, imageNetNamed(source, manager), Map.of());
            for (WeightFormat format : new WeightFormat[] {WeightFormat.TIMM, null}) {
                HrNet target = hrnet(manager, 12, 19);
                // When
                PretrainedLoadReport report =
                        PretrainedWeights.load(target, file, format, false, manager);
                // Then: backbone loaded, heads new, classification head skipped
                assertThat(report.format())
                        .isEqualTo(format == null ? WeightFormat.OFFICIAL : WeightFormat.TIMM);
                assertThat(report.missingBackbone()).isEmpty();
                assertThat(report.unexpected()).isEmpty();
                assertThat(report.newHead())
                        .containsExactly(
                                "last_layer.0.weight",
                                "last_layer.0.bias",
                                "last_layer.1.weight",
                                "last_layer.1.bias",
                                "last_layer.1.running_mean",
                                "last_layer.1.running_var",
                                "_classifier.weight",
                                "_classifier.bias");
                assertThat(report.loaded()).hasSize(source.namedParameters().size() - 8);
                assertThat(report.skipped())
                        .contains("incre_modules.0.0.conv1.weight", "classifier.bias", "bn1.num_batches_tracked")
                        .allMatch(
                                n ->
                                        n.endsWith(".num_batches_tracked")
                                                || n.startsWith("incre_modules.")
                                                || n.startsWith("downsamp_modules.")
                                                || n.startsWith("final_layer.")
                                                || n.startsWith("classifier."));
                assertThat(report.summary()).doesNotContain("\n")
                        .contains("loaded 355, backbone missing 0, new head 8")
                        .contains("skipped 79 [incre_modules.0.0.conv1.weight;");
                // and with the head set directly the outputs are the original network's
                copyHead(source, target, manager);
                NDArray x = manager.randomNormal(new Shape(1, 3, 64, 64));
                assertThat(logits(target, x, manager).contentEquals(logits(source, x, manager)))
                        .isTrue();
            }
        }
    }

    @Test
    void dropClassNetworkTakesAnImageNetBackboneAndKeepsItsNewHead() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HrNet source = hrnet(manager, 11, 19);
            DropClassNetwork target = DropClassNetwork.wrap(HrNet.create(HrNetSpec.w18SmallV1(), 19));
            target.initializeParameters(manager, 5);
            PretrainedLoadReport report =
                    PretrainedWeights.load(target, imageNetNamed(source, manager), null, false, manager);
            assertThat(report.newHead())
                    .hasSize(14)
                    .contains("clsdrop_conv1.weight", "clsdrop_bn1.running_var", "_classifier.bias");
            assertThat(report.loaded()).hasSize(source.namedParameters().size() - 8);
            Parameter stem = target.namedParameters().get("stage4.0.fuse_layers.3.0.1.1.running_var");
            assertThat(stem.getArray()
                            .contentEquals(source.namedParameters().get("stage4.0.fuse_layers.3.0.1.1.running_var").getArray()))
                    .isTrue();
        }
    }

    @Test
    void backboneOnlyLeavesATrainedHeadAtTheTargetsInitialValues() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Given: a whole trained segmentation network's file (a warm start)
            HrNet source = hrnet(manager, 11, 19);
            Path file = dir.resolve("warm.safetensors");
            StateDict.save(source, file, Map.of());
            DropClassNetwork target = DropClassNetwork.wrap(HrNet.create(HrNetSpec.w18SmallV1(), 19));
            target.initializeParameters(manager, 5);
            Map<String, float[]> initial = new LinkedHashMap<>();
            target.namedParameters().forEach((n, p) -> initial.put(n, p.getArray().toFloatArray()));

            // When only its backbone is loaded
            PretrainedLoadReport report =
                    PretrainedWeights.load(target, file, null, false, true, manager);

            // Then the backbone is the file's, and the head (last_layer, classifier, DropClass's)
            // is the target's own initialisation, listed as new
            assertThat(report.newHead()).hasSize(14).contains("last_layer.0.weight",
                    "_classifier.weight", "clsdrop_conv1.weight");
            assertThat(report.loaded()).hasSize(source.namedParameters().size() - 8);
            for (Map.Entry<String, Parameter> e : target.namedParameters().entrySet()) {
                float[] now = e.getValue().getArray().toFloatArray();
                if (TargetArchitecture.HRNET.isBackbone(e.getKey())) {
                    assertThat(now).as(e.getKey()).containsExactly(
                            source.namedParameters().get(e.getKey()).getArray().toFloatArray());
                } else {
                    assertThat(now).as(e.getKey()).containsExactly(initial.get(e.getKey()));
                }
            }
            // loaded whole, the head is the file's
            PretrainedWeights.load(target, file, null, false, false, manager);
            assertThat(target.namedParameters().get("_classifier.weight").getArray()
                    .contentEquals(source.namedParameters().get("_classifier.weight").getArray()))
                    .isTrue();
        }
    }

    @Test
    void officialFullModelCheckpointLosesItsWrapperPrefix() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HrNet source = hrnet(manager, 11, 19);
            Map<String, NDArray> wrapped = new LinkedHashMap<>();
            StateDict.export(source, manager).forEach((n, v) -> wrapped.put("model.module." + n, v));
            HrNet target = hrnet(manager, 12, 19);
            PretrainedLoadReport report = PretrainedWeights.load(target, wrapped, null, false, manager);
            assertThat(report.strippedPrefix()).isEqualTo("model.module.");
            assertThat(report.loaded()).hasSize(target.namedParameters().size());
            assertThat(report.summary()).contains("without prefix model.module.");
            assertThat(PretrainedWeights.wrapperPrefix(List.of("module.a", "b"))).isEmpty();
        }
    }

    @Test
    void missingBackboneTensorIsAnErrorUnlessPartialAndChangesNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HrNet source = hrnet(manager, 11, 19);
            Map<String, NDArray> state = imageNetNamed(source, manager);
            state.remove("stage3.0.branches.2.1.conv2.weight");
            HrNet target = hrnet(manager, 12, 19);
            float[] before = target.namedParameters().get("conv1.weight").getArray().toFloatArray();

            assertThatThrownBy(() -> PretrainedWeights.load(target, state, null, false, manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("\n")
                    .hasMessageContaining("backbone missing 1 [stage3.0.branches.2.1.conv2.weight]");
            assertThat(target.namedParameters().get("conv1.weight").getArray().toFloatArray())
                    .containsExactly(before);

            PretrainedLoadReport report = PretrainedWeights.load(target, state, null, true, manager);
            assertThat(report.missingBackbone()).containsExactly("stage3.0.branches.2.1.conv2.weight");
            assertThat(report.backboneComplete()).isFalse();
            assertThat(report.loaded()).hasSize(source.namedParameters().size() - 9);
        }
    }

    @Test
    void otherClassCountIsAShapeMismatchNamingBothShapesUnlessPartial() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HrNet voc = hrnet(manager, 11, 21);
            Map<String, NDArray> state = StateDict.export(voc, manager);
            HrNet target = hrnet(manager, 12, 19);
            assertThatThrownBy(() -> PretrainedWeights.load(target, state, WeightFormat.OFFICIAL, false, manager))
                    .hasMessageContaining("_classifier.weight: got (21, 240, 1, 1), expected (19, 240, 1, 1)")
                    .hasMessageContaining("_classifier.bias: got (21), expected (19)");
            PretrainedLoadReport report =
                    PretrainedWeights.load(target, state, WeightFormat.OFFICIAL, true, manager);
            assertThat(report.shapeMismatched()).hasSize(2);
            assertThat(report.loaded()).hasSize(target.namedParameters().size() - 2);
            assertThat(target.namedParameters().get("last_layer.1.bias").getArray()
                            .contentEquals(voc.namedParameters().get("last_layer.1.bias").getArray()))
                    .isTrue();
        }
    }

    @Test
    void unknownNamesAreUnexpectedAndForeignCheckpointsLoadNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HrNet source = hrnet(manager, 11, 19);
            Map<String, NDArray> state = imageNetNamed(source, manager);
            state.put("stage2.0.branches.0.0.conv9.weight", manager.ones(new Shape(1)));
            HrNet target = hrnet(manager, 12, 19);
            assertThatThrownBy(() -> PretrainedWeights.load(target, state, null, false, manager))
                    .hasMessageContaining("unexpected 1 [stage2.0.branches.0.0.conv9.weight]");

            Map<String, NDArray> mobilenet = new LinkedHashMap<>();
            mobilenet.put("conv_stem.weight", manager.ones(new Shape(16, 3, 3, 3)));
            assertThatThrownBy(() -> PretrainedWeights.load(target, mobilenet, null, true, manager))
                    .hasMessageContaining("no tensor of the checkpoint fits");
        }
    }

    /** The DeepLabV3 backbone's parameters as torchvision names them, plus the final classifier. */
    private static Map<String, Parameter> deepLabParameters(int classes) {
        Map<String, Shape> shapes = new LinkedHashMap<>(MobileNetV3Large.torchvisionBackbone("backbone."));
        shapes.put("classifier.4.weight", new Shape(classes, 256, 1, 1));
        shapes.put("classifier.4.bias", new Shape(classes));
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        shapes.forEach(
                (name, shape) ->
                        parameters.put(
                                name,
                                Parameter.builder()
                                        .setName(name)
                                        .setType(Parameter.Type.WEIGHT)
                                        .optShape(shape)
                                        .build()));
        return parameters;
    }

    @Test
    void timmMobileNetV3LandsOnTheDeepLabBackboneTensorByTensor() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> timm = new LinkedHashMap<>();
            NameMapTest.timmMobileNetV3Large100()
                    .forEach(
                            (name, shape) ->
                                    timm.put(
                                            name,
                                            name.endsWith("num_batches_tracked")
                                                    ? manager.create(1L)
                                                    : manager.randomUniform(-1f, 1f, shape)));
            Map<String, Parameter> parameters = deepLabParameters(19);
            PretrainedLoadReport report = PretrainedWeights.load(parameters, timm, null, false, manager);
            assertThat(report.format()).isEqualTo(WeightFormat.TIMM);
            assertThat(report.architecture()).isEqualTo(TargetArchitecture.DEEPLABV3_MOBILENETV3_LARGE);
            assertThat(report.newHead()).containsExactly("classifier.4.weight", "classifier.4.bias");
            assertThat(report.loaded()).hasSize(parameters.size() - 2);
            Map<String, String> pairs =
                    Map.of(
                            "conv_stem.weight", "backbone.0.0.weight",
                            "bn1.running_var", "backbone.0.1.running_var",
                            "blocks.0.0.conv_pw.weight", "backbone.1.block.1.0.weight",
                            "blocks.2.2.se.conv_expand.weight", "backbone.6.block.2.fc2.weight",
                            "blocks.3.3.bn3.running_mean", "backbone.10.block.2.1.running_mean",
                            "blocks.5.2.conv_pwl.weight", "backbone.15.block.3.0.weight",
                            "blocks.6.0.conv.weight", "backbone.16.0.weight");
            pairs.forEach(
                    (from, to) ->
                            assertThat(parameters.get(to).getArray().contentEquals(timm.get(from)))
                                    .as(from + " → " + to)
                                    .isTrue());
        }
    }

    @Test
    void torchvisionCheckpointsLoadIntoDeepLabAndAnotherClassCountMismatches() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> imageNet = new LinkedHashMap<>();
            MobileNetV3Large.torchvisionBackbone("features.")
                    .forEach((n, s) -> imageNet.put(n, manager.randomUniform(-1f, 1f, s)));
            imageNet.put("features.0.1.num_batches_tracked", manager.create(1L));
            imageNet.put("classifier.0.weight", manager.ones(new Shape(1280, 960)));
            imageNet.put("classifier.3.bias", manager.ones(new Shape(1000)));
            Map<String, Parameter> parameters = deepLabParameters(19);
            PretrainedLoadReport report = PretrainedWeights.load(parameters, imageNet, null, false, manager);
            assertThat(report.format()).isEqualTo(WeightFormat.TORCHVISION);
            assertThat(report.skipped())
                    .containsExactly("features.0.1.num_batches_tracked", "classifier.0.weight", "classifier.3.bias");
            assertThat(parameters.get("backbone.13.block.2.fc1.bias").getArray()
                            .contentEquals(imageNet.get("features.13.block.2.fc1.bias")))
                    .isTrue();

            Map<String, NDArray> deepLab = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(parameters.keySet());
            for (String name : names) {
                Shape shape = parameters.get(name).getShape();
                deepLab.put(
                        name,
                        name.startsWith("classifier.4.")
                                ? manager.zeros(shape.slice(0, 0).addAll(new Shape(21)).addAll(shape.slice(1)), DataType.FLOAT32)
                                : parameters.get(name).getArray());
            }
            deepLab.put("aux_classifier.4.weight", manager.ones(new Shape(21, 10, 1, 1)));
            assertThatThrownBy(() -> PretrainedWeights.load(parameters, deepLab, null, false, manager))
                    .hasMessageContaining("classifier.4.weight: got (21, 256, 1, 1), expected (19, 256, 1, 1)");
            PretrainedLoadReport partial = PretrainedWeights.load(parameters, deepLab, null, true, manager);
            assertThat(partial.skipped()).containsExactly("aux_classifier.4.weight");
            assertThat(partial.shapeMismatched()).hasSize(2);
        }
    }
}
