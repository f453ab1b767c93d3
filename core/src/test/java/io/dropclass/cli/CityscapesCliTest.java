package io.dropclass.cli;

import static io.dropclass.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.evaluation.EvaluationJson;
import io.dropclass.evaluation.SegmentationEvaluation;
import io.dropclass.evaluation.cityscapes.CityscapesCounts;
import io.dropclass.evaluation.cityscapes.OfficialFixture;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict --format cityscapes writes what the official evaluation matches and reads, and evaluate
 * on a Cityscapes tree with instance ids reports the official metrics of exactly those
 * predictions. The tree is the official-metrics fixture (5 frames of 64×128, 2 cities); a tiny
 * network is trained on it for 2 steps once.
 */
class CityscapesCliTest {

    @TempDir static Path dir;
    static Path tree;
    static Path checkpoint;

    @BeforeAll
    static void trainATinyNetwork() throws IOException {
        tree = dir.resolve("cityscapes");
        for (String part : new String[] {"gtFine", "leftImg8bit"}) {
            Path from = OfficialFixture.root().resolve(part);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path to = tree.resolve(part).resolve(from.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
        }
        Path run = dir.resolve("run");
        CliRunner.Result train = run("train", "--dataset", "cityscapes", "--root",
                tree.toString(), "--output", run.toString(), "data.train_split=val",
                "train.iterations=2", "train.batch_size=2", "train.validation_interval=2",
                "evaluation.batch_size=1", "--threads", "2");
        assertThat(train.code()).as(train.err()).isZero();
        checkpoint = run.resolve("checkpoints/last.safetensors");
        // the run's final evaluation carries the official counts, for compare and report
        SegmentationEvaluation metrics = EvaluationJson.read(run.resolve("metrics.json"));
        assertThat(metrics.cityscapes()).isNotNull();
        assertThat(metrics.meanInstanceIou()).isBetween(0.0, 1.0);
    }

    @Test
    void cityscapesPredictionsAreTheOfficialFilesAndEvaluateCountsExactlyThem() throws IOException {
        Path predictions = dir.resolve("pred");
        CliRunner.Result predict = run("predict", "--checkpoint", checkpoint.toString(),
                "--format", "cityscapes", "--output", predictions.toString(),
                tree.resolve("leftImg8bit/val").toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.err()).doesNotContain("warning");
        assertThat(predict.out()).contains("predicted 5 image(s)");

        Set<Integer> labelIds = ClassCatalog.cityscapes().classes().stream()
                .map(ClassInfo::labelId).collect(Collectors.toSet());
        List<Path> groundTruth = OfficialFixture.groundTruth(tree, "val");
        assertThat(groundTruth).hasSize(5);
        for (Path gt : groundTruth) {
            // exactly one file matches <city>_<seq>_<frame>*.png, in the city's folder
            Path p = OfficialFixture.prediction(predictions, gt);
            assertThat(predictions.relativize(p).toString()).isEqualTo(
                    gt.getParent().getFileName() + "/" + gt.getFileName().toString()
                            .replace("_gtFine_labelIds.png", "_leftImg8bit.png"));
            BufferedImage image = ImageIO.read(p.toFile());
            assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            assertThat(image.getColorModel().getComponentSize(0)).isEqualTo(8);
            Set<Integer> values = new TreeSet<>();
            for (byte b : ImageFiles.readLabels(p).labels()) {
                values.add(Byte.toUnsignedInt(b));
            }
            assertThat(labelIds).containsAll(values); // official label ids, never 255
        }

        Path eval = dir.resolve("eval");
        CliRunner.Result evaluate = run("evaluate", "--checkpoint", checkpoint.toString(),
                "--output", eval.toString(), "evaluation.batch_size=1");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("Cityscapes official metrics", "iIoU", "vehicle",
                "cityscapes results: ");
        SegmentationEvaluation evaluation = EvaluationJson.read(eval.resolve("metrics.json"));

        // the official evaluation of the files predict wrote = what evaluate counted
        CityscapesCounts fromFiles = OfficialFixture.evaluate(tree, "val", predictions);
        assertThat(evaluation.cityscapes()).isEqualTo(fromFiles);
        JsonNode results = new ObjectMapper().readTree(
                eval.resolve("cityscapes_results.json").toFile());
        assertThat(results.get("averageScoreInstClasses").isNull()
                ? Double.NaN : results.get("averageScoreInstClasses").doubleValue())
                .isEqualTo(fromFiles.scores().averageScoreInstClasses());
        // and on the 19 classes the official class IoU is the toolkit's train-id IoU
        for (var score : evaluation.classes()) {
            double official = fromFiles.scores().classScores().get(score.name());
            if (Double.isNaN(score.iou())) {
                assertThat(official).as(score.name()).isNaN();
            } else {
                assertThat(official).as(score.name()).isEqualTo(score.iou());
            }
        }
    }

    @Test
    void otherFormatsWriteTheirFilesAndBadRequestsAreOneLineErrors() throws IOException {
        Path images = tree.resolve("leftImg8bit/val/aachen");
        Path out = dir.resolve("formats");
        CliRunner.Result r = run("predict", "--checkpoint", checkpoint.toString(), "--format",
                "voc,color", "--output", out.toString(), images.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage voc = ImageIO.read(
                out.resolve("aachen_000000_000019_leftImg8bit.png").toFile());
        assertThat(voc.getColorModel()).isInstanceOf(IndexColorModel.class);
        IndexColorModel palette = (IndexColorModel) voc.getColorModel();
        assertThat(palette.getRGB(1) & 0xFFFFFF).isEqualTo(0x800000);
        assertThat(palette.getRGB(15) & 0xFFFFFF).isEqualTo(0xC08080);
        assertThat(palette.getRGB(255) & 0xFFFFFF).isEqualTo(0xE0E0C0);
        assertThat(out.resolve("aachen_000000_000019_leftImg8bit_color.png")).isRegularFile();
        assertThat(out.resolve("aachen_000000_000019_leftImg8bit_overlay.png")).doesNotExist();

        Path plain = dir.resolve("plain.png");
        Files.copy(images.resolve("aachen_000000_000019_leftImg8bit.png"), plain);
        for (String[] args : List.of(
                new String[] {"--format", "cityscapes", plain.toString()},
                new String[] {"--format", "bogus", plain.toString()},
                new String[] {"--format", "cityscapes,overlay", images.toString()},
                new String[] {"--format", "trainid,voc", images.toString()})) {
            Path target = dir.resolve("refused");
            String[] all = Stream.concat(Stream.of("predict", "--checkpoint",
                    checkpoint.toString(), "--output", target.toString()), Stream.of(args))
                    .toArray(String[]::new);
            CliRunner.Result refused = run(all);
            assertThat(refused.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(refused.err().strip().lines()).as(refused.err()).hasSize(1);
            assertThat(refused.err()).startsWith("dropclass: ");
            assertThat(target).doesNotExist();
        }
        CliRunner.Result overwrite = run("predict", "--checkpoint", checkpoint.toString(),
                "--format", "cityscapes", "--output", tree.resolve("leftImg8bit/val").toString(),
                images.toString());
        assertThat(overwrite.code()).isEqualTo(2);
        assertThat(overwrite.err()).contains("would overwrite an input");
    }

    @Test
    void withoutInstanceIdsEvaluateSaysWhyTheOfficialMetricsAreMissing() throws IOException {
        Path copy = dir.resolve("no-instances");
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().endsWith("_instanceIds.png")) {
                    Path to = copy.resolve(tree.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
        }
        Path eval = dir.resolve("eval-plain");
        CliRunner.Result r = run("evaluate", "--checkpoint", checkpoint.toString(), "--output",
                eval.toString(), "data.root=" + copy);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("iIoU and category scores not computed", "instanceIds");
        assertThat(eval.resolve("cityscapes_results.json")).doesNotExist();
        assertThat(EvaluationJson.read(eval.resolve("metrics.json")).cityscapes()).isNull();
    }
}
