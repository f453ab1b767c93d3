package io.dropclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropclass.data.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the command line, on tiny synthetic images. */
class DropClassCliTest {

    private static final String[] TINY = CliRunner.TINY;

    @TempDir Path dir;

    private static CliRunner.Result run(String... args) {
        return CliRunner.run(args);
    }

    private static String[] concat(String[] a, String... b) {
        return CliRunner.concat(a, b);
    }

    @Test
    void trainsEvaluatesAndPredictsOnTinySyntheticImages() throws IOException {
        Path run = dir.resolve("run");
        CliRunner.Result train = run(concat(new String[] {"train", "--output", run.toString()}, TINY));
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("mIoU").contains("road");
        // it ends with what it wrote, each named once
        List<String> tail = train.out().lines().toList();
        assertThat(tail.subList(tail.size() - 3, tail.size())).containsExactly(
                "run directory:   " + run,
                "best checkpoint: " + run.resolve("checkpoints/best.safetensors"),
                "metrics:         " + run.resolve("metrics.json"));
        assertThat((train.out() + train.err()).split(
                java.util.regex.Pattern.quote(run.resolve("metrics.json").toString()), -1)).hasSize(2);
        assertThat(train.err()).doesNotContain("dropped_class");
        for (String f : new String[] {"config.json", "manifest.json", "class_stats.json",
            "history.csv", "validation.csv", "history.json", "metrics.json",
            "checkpoints/best.safetensors", "checkpoints/last.safetensors"}) {
            assertThat(run.resolve(f)).as(f).isRegularFile();
        }
        JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        assertThat(manifest.get("status").asText()).isEqualTo("finished");
        assertThat(manifest.get("finished_at").isNull()).isFalse();
        assertThat(Files.readAllLines(run.resolve("history.csv"))).hasSize(1 + 4);
        assertThat(Files.readAllLines(run.resolve("validation.csv"))).hasSize(1 + 2);

        Path best = run.resolve("checkpoints/best.safetensors");
        CliRunner.Result eval = run("evaluate", "--checkpoint", best.toString(), "--output",
                dir.resolve("eval").toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(dir.resolve("eval/metrics.json")).isRegularFile();
        assertThat(eval.out().strip().lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo("metrics: " + dir.resolve("eval/metrics.json"));

        Path images = dir.resolve("images");
        Files.createDirectories(images);
        io.dropclass.data.image.ImageFiles.writePng(images.resolve("a.png"),
                io.dropclass.data.image.RgbImage.of(
                        io.dropclass.data.synthetic.StreetSceneDataset.of(1,
                                io.dropclass.data.synthetic.SyntheticSplit.VAL, 1, 32, 64).get(0)));
        Path masks = dir.resolve("masks");
        CliRunner.Result predict = run("predict", "--checkpoint", best.toString(), "--output",
                masks.toString(), images.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(ImageFiles.readLabels(masks.resolve("a.png")).labels()).hasSize(32 * 64);
        assertThat(masks.resolve("a_overlay.png")).isRegularFile();

        assertThat(run.resolve("analysis/similarity.json")).isRegularFile();
        assertThat(run.resolve("analysis/predictions/val-0.png")).isRegularFile();
        Path truth = dir.resolve("a_truth.png");
        io.dropclass.report.image.MaskImages.writeLabelPng(truth, io.dropclass.data.synthetic
                .StreetSceneDataset.of(1, io.dropclass.data.synthetic.SyntheticSplit.VAL, 1, 32,
                        64).get(0).label(), 32, 64, io.dropclass.data.ClassCatalog.cityscapes());
        CliRunner.Result cam = run("cam", "--checkpoint", best.toString(), "--class", "road",
                "--mask", truth.toString(), "--output", dir.resolve("cam").toString(),
                images.resolve("a.png").toString());
        assertThat(cam.code()).as(cam.err()).isZero();
        assertThat(cam.out()).contains("ground-truth target");
        assertThat(dir.resolve("cam/a_cam_road.png")).isRegularFile();
        assertThat(run("cam", "--checkpoint", best.toString(), "--class", "unicorn", "--output",
                dir.resolve("cam").toString(), images.resolve("a.png").toString()).code())
                .isEqualTo(2);
    }

    @Test
    void dropClassTrainingLogsEveryLossPartAndTheDroppedClassEveryStep() throws IOException {
        Path run = dir.resolve("drop");
        CliRunner.Result train = run(concat(concat(new String[] {"train", "--method", "dropclass",
            "--output", run.toString()}, TINY), "data.train_images=4"));
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.err()).contains("ce ").contains("sup ").contains("lambda ");
        List<String> history = Files.readAllLines(run.resolve("history.csv"));
        assertThat(history.get(0)).contains("ce").contains("drop").contains("sup")
                .contains("dropped_class").contains("dropped").contains("lambda");
        assertThat(history).hasSize(1 + 4);
        // 4 steps of 2 images over 4 images: epochs 0 and 1, so E = 2 and lambda = 0 then 0.5
        int lambda = List.of(history.get(0).split(",")).indexOf("lambda");
        assertThat(history.get(1).split(",")[lambda]).isEqualTo("0.00000");
        assertThat(history.get(4).split(",")[lambda]).isEqualTo("0.500000");
        assertThat(new ObjectMapper().readTree(run.resolve("config.json").toFile())
                .get("method").get("name").asText()).isEqualTo("dropclass");
        CliRunner.Result eval = run("evaluate", "--checkpoint",
                run.resolve("checkpoints/last.safetensors").toString(), "--output",
                dir.resolve("drop-eval").toString());
        assertThat(eval.code()).as(eval.err()).isZero();
    }

    @Test
    void checkReferencePassesARepositoryCaseInEveryModeAndWritesTheActualEntries()
            throws Exception {
        Path caseDir = Path.of(DropClassCliTest.class
                .getResource("/reference/hrnet_v1_layout_narrow/case.json").toURI()).getParent();
        Path out = dir.resolve("actual");
        CliRunner.Result r = run("check-reference", caseDir.toString(), "--table",
                "--write-actual", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("float32 contiguous", "float32 channels_last",
                "float64 contiguous", "grad._classifier.weight",
                "all 1 case(s) passed in every mode");
        assertThat(out.resolve("hrnet_v1_layout_narrow/actual.safetensors")).isRegularFile();
        assertThat(out.resolve("hrnet_v1_layout_narrow/actual_float64_contiguous.safetensors"))
                .isRegularFile();
        CliRunner.Result missing = run("check-reference", dir.resolve("no-such-case").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip().lines()).hasSize(1);
        CliRunner.Result badType = run("check-reference", caseDir.toString(), "--dtype", "half");
        assertThat(badType.code()).isEqualTo(2);
        assertThat(badType.err().strip()).startsWith("dropclass: --dtype half:");
    }

    /**
     * A case with the float32 contiguous tolerance only: by default the other modes are named as
     * not checked and the case passes; asked for explicitly, a missing mode fails.
     */
    @Test
    void aCaseWithoutChannelsLastOrFloat64ToleranceIsCheckedInWhatItHas() throws Exception {
        Path source = Path.of(DropClassCliTest.class
                .getResource("/reference/hrnet_v1_layout_narrow/case.json").toURI()).getParent();
        Path legacy = dir.resolve("legacy");
        Files.createDirectories(legacy);
        for (String file : List.of("weights.safetensors", "inputs.safetensors",
                "expected.safetensors")) {
            Files.createSymbolicLink(legacy.resolve(file), source.resolve(file));
        }
        var json = (com.fasterxml.jackson.databind.node.ObjectNode)
                new ObjectMapper().readTree(source.resolve("case.json").toFile());
        json.remove(List.of("tolerance_channels_last", "tolerance_float64",
                "tolerance_float64_channels_last"));
        new ObjectMapper().writeValue(legacy.resolve("case.json").toFile(), json);

        CliRunner.Result r = run("check-reference", legacy.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("float32 contiguous      PASSED",
                "float32 channels_last: not checked, the case has no tolerance_channels_last",
                "float64 contiguous: not checked, the case has no tolerance_float64");

        CliRunner.Result asked = run("check-reference", legacy.toString(), "--layout",
                "channels_last", "--dtype", "float32");
        assertThat(asked.code()).isEqualTo(1);
        assertThat(asked.out()).contains("has no tolerance_channels_last");
    }

    @Test
    void badOverrideIsAOneLineUserErrorAndCreatesNothing() {
        Path run = dir.resolve("bad");
        CliRunner.Result r = run("train", "--output", run.toString(), "train.batch_size=zero");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("dropclass: config key 'train.batch_size'")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(run).doesNotExist();
    }

    @Test
    void unknownConfigKeyInAFileNamesTheKey() throws IOException {
        Path config = dir.resolve("c.json");
        Files.writeString(config, "{\"optimizer\": {\"learning_rate\": 0.1}}");
        CliRunner.Result r = run("train", "--config", config.toString(), "--output",
                dir.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("optimizer.learning_rate").contains("unknown key");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void outputFolderThatCannotBeCreatedIsAUserError() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a folder");
        Path out = file.resolve("run");
        CliRunner.Result r = run(concat(new String[] {"train", "--output", out.toString()}, TINY));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("dropclass: output " + out);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(Files.readString(file)).isEqualTo("not a folder");
    }

    @Test
    void unwritableOutputFolderIsAUserError() throws IOException {
        Path locked = dir.resolve("locked");
        Files.createDirectories(locked);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path out = locked.resolve("run");
            CliRunner.Result r = run(concat(new String[] {"train", "--output", out.toString()}, TINY));
            if (!Files.isWritable(locked)) { // root may write anywhere
                assertThat(r.code()).isEqualTo(2);
                assertThat(r.err()).contains(out.toString());
                assertThat(out).doesNotExist();
            }
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void nonEmptyOutputFolderIsRefused() throws IOException {
        Path out = dir.resolve("used");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliRunner.Result r = run(concat(new String[] {"train", "--output", out.toString()}, TINY));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not empty");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void everyCommandHasHelpAndUnknownOptionsExitWithTwo() {
        for (String c : new String[] {"train", "evaluate", "predict", "stats", "demo",
            "check-reference", "compare", "report", "cam", "export", "models"}) {
            CliRunner.Result r = run(c, "--help");
            assertThat(r.code()).as(c).isZero();
            assertThat(r.out()).as(c).contains("Usage: dropclass " + c);
        }
        assertThat(run("train", "--no-such-option").code()).isEqualTo(2);
        assertThat(run("evaluate").code()).isEqualTo(2);
    }

    @Test
    void statsWritesClassSharesOfTheRequestedSplit() throws IOException {
        CliRunner.Result r = run("stats", "--split", "val", "--output", dir.toString(), "data.height=32",
                "data.width=64", "data.val_images=4");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("road");
        JsonNode stats = new ObjectMapper().readTree(dir.resolve("class_stats.json").toFile());
        assertThat(stats.get("classes")).hasSize(19);
        assertThat(stats.get("split").asText()).isEqualTo("val");
    }
}
