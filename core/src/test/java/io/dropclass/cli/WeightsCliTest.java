package io.dropclass.cli;

import static io.dropclass.cli.CliRunner.TINY;
import static io.dropclass.cli.CliRunner.concat;
import static io.dropclass.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropclass.model.weights.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeepLabV3, pretrained weights, export and the model list, through the command line. */
class WeightsCliTest {

    private static final String[] DEEPLAB = {
        "model.architecture=deeplabv3_mobilenet_v3_large", "data.height=64", "data.width=128"
    };

    @TempDir Path dir;

    @Test
    void deepLabV3WithDropClassTrainsEvaluatesAndExportsForTorchvision() throws IOException {
        Path run = dir.resolve("deeplab");
        CliRunner.Result train = run(concat(concat(new String[] {"train", "--method", "dropclass",
            "--output", run.toString()}, TINY), DEEPLAB));
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("road");
        Path last = run.resolve("checkpoints/last.safetensors");
        assertThat(SafeTensors.readHeader(last).tensors()).containsKey("clsdrop_conv1.weight")
                .containsKey("backbone.0.0.weight").containsKey("classifier.4.weight");

        Path exported = dir.resolve("torchvision.safetensors");
        CliRunner.Result export = run("export", "--checkpoint", last.toString(), "--format",
                "torchvision", "--output", exported.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(SafeTensors.readHeader(exported).tensors()).containsKey("classifier.4.weight")
                .doesNotContainKey("clsdrop_conv1.weight");

        // the torchvision file initialises a baseline DeepLabV3 (a new run, same names)
        Path second = dir.resolve("from-torchvision");
        CliRunner.Result again = run(concat(concat(new String[] {"train", "--method", "baseline",
            "--output", second.toString(), "--pretrained", exported.toString(),
            "--pretrained-format", "torchvision"}, TINY), DEEPLAB));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("pretrained").contains("shape mismatches 0");
    }

    @Test
    void anOfficialExportOfAnHrNetRunInitialisesAnotherRun() {
        Path run = dir.resolve("hrnet");
        assertThat(run(concat(new String[] {"train", "--output", run.toString()}, TINY)).code())
                .isZero();
        Path exported = dir.resolve("official.safetensors");
        CliRunner.Result export = run("export", "--checkpoint",
                run.resolve("checkpoints/best.safetensors").toString(), "--format", "official",
                "--output", exported.toString());
        assertThat(export.code()).as(export.err()).isZero();
        CliRunner.Result again = run(concat(new String[] {"train", "--output",
            dir.resolve("again").toString(), "--pretrained", exported.toString()}, TINY));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("pretrained (official").contains("backbone missing 0");
    }

    @Test
    void aMissingPretrainedFileIsAUserErrorBeforeAnyRunDirectory() {
        Path out = dir.resolve("never");
        CliRunner.Result r = run(concat(new String[] {"train", "--output", out.toString(),
            "--pretrained", dir.resolve("nope.safetensors").toString()}, TINY));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope.safetensors").contains("no such file");
        assertThat(out).doesNotExist();
    }

    @Test
    void aCorruptPretrainedFileIsAUserErrorBeforeAnyRunDirectory() throws IOException {
        Path bad = dir.resolve("bad.safetensors");
        java.nio.file.Files.writeString(bad, "garbage!");
        Path out = dir.resolve("never");
        CliRunner.Result r = run(concat(new String[] {"train", "--output", out.toString(),
            "--pretrained", bad.toString()}, TINY));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("bad.safetensors").doesNotContain("partial");
        assertThat(out).doesNotExist();
    }

    @Test
    void exportRejectsAnUnknownFormat() throws IOException {
        Path run = dir.resolve("r");
        assertThat(run(concat(new String[] {"train", "--output", run.toString()}, TINY)).code())
                .isZero();
        CliRunner.Result r = run("export", "--checkpoint",
                run.resolve("checkpoints/last.safetensors").toString(), "--format", "onnx",
                "--output", dir.resolve("x.safetensors").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("onnx");
    }

    @Test
    void modelsListsEveryArchitectureWithItsSize() {
        CliRunner.Result r = run("models");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("hrnet_w18_small_v1").contains("1,540,819")
                .contains("hrnet_w48").contains("65,859,379")
                .contains("deeplabv3_mobilenet_v3_large").contains("11,024,963");
    }
}
