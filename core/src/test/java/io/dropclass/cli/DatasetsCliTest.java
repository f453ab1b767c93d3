package io.dropclass.cli;

import static io.dropclass.cli.CliRunner.concat;
import static io.dropclass.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropclass.data.SegmentationSample;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.data.image.RgbImage;
import io.dropclass.data.synthetic.StreetSceneDataset;
import io.dropclass.data.synthetic.SyntheticSplit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, evaluate and stats on a Cityscapes-layout tree on disk, through the command line. */
class DatasetsCliTest {

    private static final int[] TRAIN_TO_LABEL_ID = {
        7, 8, 11, 12, 13, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 33
    };

    @TempDir Path dir;

    /** Writes synthetic scenes as a Cityscapes tree: leftImg8bit PNGs and gtFine labelIds. */
    private Path cityscapesTree(int trainImages, int valImages) throws IOException {
        Path root = dir.resolve("cityscapes");
        write(root, "train", SyntheticSplit.TRAIN, trainImages);
        write(root, "val", SyntheticSplit.VAL, valImages);
        return root;
    }

    private static void write(Path root, String split, SyntheticSplit which, int n)
            throws IOException {
        StreetSceneDataset scenes = StreetSceneDataset.of(5, which, n, 32, 64);
        Path images = root.resolve("leftImg8bit/" + split + "/aachen");
        Path labels = root.resolve("gtFine/" + split + "/aachen");
        Files.createDirectories(images);
        Files.createDirectories(labels);
        for (int i = 0; i < n; i++) {
            SegmentationSample s = scenes.get(i);
            String stem = String.format("aachen_%06d_000019", i);
            ImageFiles.writePng(images.resolve(stem + "_leftImg8bit.png"), RgbImage.of(s));
            BufferedImage grey = new BufferedImage(s.width(), s.height(),
                    BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < s.label().length; p++) {
                int y = s.labelAt(p);
                grey.getRaster().setSample(p % s.width(), p / s.width(), 0,
                        y == 255 ? 0 : TRAIN_TO_LABEL_ID[y]);
            }
            ImageFiles.writePng(labels.resolve(stem + "_gtFine_labelIds.png"), grey);
        }
    }

    @Test
    void trainEvaluateAndStatsWorkOnACityscapesTree() throws IOException {
        Path root = cityscapesTree(6, 3);
        Path run = dir.resolve("run");
        CliRunner.Result train = run(concat(new String[] {"train", "--dataset", "cityscapes",
            "--root", root.toString(), "--output", run.toString(), "train.iterations=3",
            "train.batch_size=2", "train.validation_interval=3", "--threads", "2",
            "data.augmentation=standard", "data.crop_height=32", "data.crop_width=48",
            "loss.class_weights=median_frequency"}));
        assertThat(train.code()).as(train.err()).isZero();
        JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        assertThat(manifest.get("datasets").get("train").asText()).startsWith("cityscapes:train:n=6");

        CliRunner.Result eval = run("evaluate", "--checkpoint",
                run.resolve("checkpoints/best.safetensors").toString(), "--output",
                dir.resolve("eval").toString(), "evaluation.mode=slide",
                "evaluation.crop_height=32", "evaluation.crop_width=32",
                "evaluation.stride_height=16", "evaluation.stride_width=16");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("road");

        CliRunner.Result stats = run("stats", "--dataset", "cityscapes", "--root",
                root.toString(), "--split", "val", "--output", dir.toString());
        assertThat(stats.code()).as(stats.err()).isZero();
        assertThat(dir.resolve("class_stats.png")).isRegularFile();
        assertThat(new ObjectMapper().readTree(dir.resolve("class_stats.json").toFile())
                .get("images").asInt()).isEqualTo(3);
    }

    /** A tree of three training scenes whose second label file is cut short. */
    private Path treeWithOneBrokenLabel() throws IOException {
        Path root = cityscapesTree(3, 2);
        Path label = root.resolve("gtFine/train/aachen/aachen_000001_000019_gtFine_labelIds.png");
        byte[] bytes = Files.readAllBytes(label);
        Files.write(label, java.util.Arrays.copyOf(bytes, 100));
        return root;
    }

    @Test
    void aSkippedSampleIsOneWarningWithOnePrefixNamingStrict() throws IOException {
        Path root = treeWithOneBrokenLabel();
        CliRunner.Result stats = run("stats", "--dataset", "cityscapes", "--root",
                root.toString(), "--split", "train", "--output", dir.toString());
        assertThat(stats.code()).as(stats.err()).isZero();
        java.util.List<String> lines = stats.err().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("warning: cityscapes train: skipped 1 of 3 samples"
                + " with problems; use --strict (data.strict=true) to stop instead");
        assertThat(lines.get(1)).startsWith("warning: cityscapes train: unreadable file: 1 file"
                + " (gtFine/train/aachen/aachen_000001_000019_gtFine_labelIds.png: ")
                .endsWith("re-extract or re-convert the files (PNG, JPEG or BMP)");

        CliRunner.Result train = run(concat(new String[] {"train", "--dataset", "cityscapes",
            "--root", root.toString(), "--output", dir.resolve("run").toString(),
            "train.iterations=1", "train.batch_size=2", "train.validation_interval=1",
            "--threads", "2", "loss.class_weights=none"}));
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.err()).contains("warning: cityscapes train: skipped 1 of 3 samples")
                .doesNotContain("warning: warning:");
    }

    @Test
    void strictStopsEveryCommandThatReadsTheDatasetInOneLine() throws IOException {
        Path root = treeWithOneBrokenLabel();
        String broken = "aachen_000001_000019_gtFine_labelIds.png";
        CliRunner.Result stats = run("stats", "--dataset", "cityscapes", "--root",
                root.toString(), "--split", "train", "--strict", "--output", dir.toString());
        assertThat(stats.code()).isEqualTo(2);
        assertThat(stats.err().strip().lines()).hasSize(1);
        assertThat(stats.err()).startsWith("dropclass: cityscapes root " + root
                + ", split train: unreadable file").contains(broken);
        assertThat(dir.resolve("class_stats.json")).doesNotExist();

        Path run = dir.resolve("run");
        CliRunner.Result train = run("train", "--dataset", "cityscapes", "--root",
                root.toString(), "--strict", "--output", run.toString(), "--threads", "2");
        assertThat(train.code()).isEqualTo(2);
        assertThat(train.err().strip().lines()).hasSize(1);
        assertThat(train.err()).contains(broken);
        assertThat(run).doesNotExist();

        // the same as data.strict=true
        CliRunner.Result key = run("stats", "--dataset", "cityscapes", "--root",
                root.toString(), "--split", "train", "data.strict=true");
        assertThat(key.code()).isEqualTo(2);
        assertThat(key.err()).isEqualTo(stats.err());
    }

    @Test
    void everyCommandThatReadsADatasetTakesStrict() {
        picocli.CommandLine cli = new picocli.CommandLine(new DropClassCli());
        for (String command : new String[] {"train", "evaluate", "predict", "stats", "demo",
            "compare", "bench", "cam", "export"}) {
            assertThat(cli.getSubcommands().get(command).getCommandSpec().findOption("--strict"))
                    .as(command).isNotNull();
        }
    }

    @Test
    void aMissingDatasetFolderIsAOneLineUserError() {
        CliRunner.Result r = run("train", "--dataset", "cityscapes", "--root",
                dir.resolve("nowhere").toString(), "--output", dir.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("nowhere");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void aRealDatasetNeedsItsRoot() {
        CliRunner.Result r = run("train", "--dataset", "camvid");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("data.root");
    }
}
