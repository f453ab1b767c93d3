package io.dropclass.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dropclass.method.DropClassNetwork;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {

    @TempDir Path dir;

    private static DropClassNetwork dropClass(NDManager manager, long seed) {
        DropClassNetwork net = DropClassNetwork.wrap(HrNet.create(HrNetSpec.w18SmallV1(), 19));
        net.initializeParameters(manager, seed);
        return net;
    }

    @Test
    void officialExportRoundTripsADropClassHrnetWithIdenticalOutputs() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Given
            DropClassNetwork source = dropClass(manager, 3);
            Path file = dir.resolve("dropclass.safetensors");
            // When
            Export.Report written = Export.write(source, file, ExportFormat.OFFICIAL);
            DropClassNetwork target = dropClass(manager, 4);
            PretrainedLoadReport report = PretrainedWeights.load(target, file, null, false, manager);
            // Then: every parameter loaded, num_batches_tracked skipped, identical outputs
            assertThat(written.omitted()).isEmpty();
            assertThat(report.format()).isEqualTo(WeightFormat.OFFICIAL);
            assertThat(report.loaded()).hasSize(source.namedParameters().size());
            assertThat(report.newHead()).isEmpty();
            assertThat(report.skipped()).allMatch(n -> n.endsWith(".num_batches_tracked"));
            NDArray x = manager.randomNormal(new Shape(1, 3, 64, 64));
            NDArray expected =
                    source.forward(new ParameterStore(manager, false), new NDList(x), false)
                            .singletonOrThrow();
            NDArray actual =
                    target.forward(new ParameterStore(manager, false), new NDList(x), false)
                            .singletonOrThrow();
            assertThat(actual.contentEquals(expected)).isTrue();
        }
    }

    @Test
    void officialExportHasAnInt64ScalarNumBatchesTrackedPerBatchNorm() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            DropClassNetwork source = dropClass(manager, 3);
            Path file = dir.resolve("dropclass.safetensors");
            Export.Report written = Export.write(source, file, ExportFormat.OFFICIAL);
            SafeTensorsHeader header = SafeTensors.readHeader(file);
            long batchNorms =
                    source.namedParameters().keySet().stream()
                            .filter(n -> n.endsWith(".running_var"))
                            .count();
            assertThat(written.tensors()).isEqualTo(source.namedParameters().size() + batchNorms);
            assertThat(header.tensors()).hasSize(written.tensors());
            for (String name : source.namedParameters().keySet()) {
                if (name.endsWith(".running_var")) {
                    TensorEntry entry =
                            header.tensors().get(name.replace(".running_var", ".num_batches_tracked"));
                    assertThat(entry).as(name).isNotNull();
                    assertThat(entry.dtype()).isEqualTo(SafeTensorsDType.I64);
                    assertThat(entry.shape()).isEqualTo(new Shape());
                }
            }
            assertThat(header.tensors()).containsKeys("clsdrop_conv1.weight", "clsdrop_bn1.num_batches_tracked");
            assertThat(header.metadata()).containsEntry("format", "pt");
            assertThat(written.summary()).contains("exported " + written.tensors() + " tensors (official)");
        }
    }

    @Test
    void torchvisionExportIsForDeepLabOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DropClassNetwork source = dropClass(manager, 3);
            assertThatThrownBy(
                            () -> Export.write(source, dir.resolve("x.safetensors"), ExportFormat.TORCHVISION))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("DeepLabV3-MobileNetV3 only");
        }
    }

    @Test
    void torchvisionExportOfADropClassDeepLabOmitsTheHeadAndRoundTrips() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            DropClassNetwork source = DropClassNetwork.wrap(new TinyDeepLab(4, 3));
            source.initializeParameters(manager, 3);
            Path file = dir.resolve("deeplab.safetensors");
            Export.Report written = Export.write(source, file, ExportFormat.TORCHVISION);
            assertThat(written.omitted())
                    .hasSize(6)
                    .allMatch(n -> n.startsWith("clsdrop_"));
            assertThat(SafeTensors.readHeader(file).tensors().keySet())
                    .containsExactly(
                            "backbone.0.0.weight",
                            "backbone.0.1.weight",
                            "backbone.0.1.bias",
                            "backbone.0.1.running_mean",
                            "backbone.0.1.running_var",
                            "backbone.0.1.num_batches_tracked",
                            "classifier.4.weight",
                            "classifier.4.bias");
            assertThat(written.summary()).contains("omitted 6 DropClass head tensors");

            DropClassNetwork target = DropClassNetwork.wrap(new TinyDeepLab(4, 3));
            target.initializeParameters(manager, 4);
            PretrainedLoadReport report = PretrainedWeights.load(target, file, null, false, manager);
            assertThat(report.format()).isEqualTo(WeightFormat.TORCHVISION);
            assertThat(report.architecture()).isEqualTo(TargetArchitecture.DEEPLABV3_MOBILENETV3_LARGE);
            assertThat(report.loaded()).hasSize(7);
            assertThat(report.newHead()).hasSize(6).allMatch(n -> n.startsWith("clsdrop_"));
            NDArray x = manager.randomNormal(new Shape(1, 3, 8, 8));
            NDArray expected =
                    source.network().forward(new ParameterStore(manager, false), new NDList(x), false)
                            .singletonOrThrow();
            NDArray actual =
                    target.network().forward(new ParameterStore(manager, false), new NDList(x), false)
                            .singletonOrThrow();
            assertThat(actual.contentEquals(expected)).isTrue();
        }
    }
}
