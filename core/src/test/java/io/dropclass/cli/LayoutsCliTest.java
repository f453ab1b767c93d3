package io.dropclass.cli;

import static io.dropclass.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.SegmentationSample;
import io.dropclass.data.camvid.CamVidClasses;
import io.dropclass.data.image.ImageFiles;
import io.dropclass.data.image.RgbImage;
import io.dropclass.data.synthetic.StreetSceneDataset;
import io.dropclass.data.synthetic.SyntheticSplit;
import io.dropclass.data.voc.VocClasses;
import io.dropclass.report.image.MaskImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * train, evaluate and stats on every on-disk layout (VOC, SBD-augmented VOC, CamVid, generic
 * folder), each tree written from synthetic scenes with labels folded into its classes.
 */
class LayoutsCliTest {

    private static final int N = 4;

    @TempDir Path dir;

    private static List<SegmentationSample> scenes() {
        StreetSceneDataset d = StreetSceneDataset.of(3, SyntheticSplit.TRAIN, N, 32, 64);
        List<SegmentationSample> list = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            list.add(d.get(i));
        }
        return list;
    }

    /** Labels folded into K classes (ignore kept). */
    private static byte[] fold(SegmentationSample s, int k) {
        byte[] out = new byte[s.label().length];
        for (int p = 0; p < out.length; p++) {
            int y = s.labelAt(p);
            out[p] = (byte) (y == 255 ? 255 : y % k);
        }
        return out;
    }

    private Path voc(boolean augmented) throws IOException {
        Path root = dir.resolve(augmented ? "voc_aug" : "voc");
        String masks = augmented ? "SegmentationClassAug" : "SegmentationClass";
        Files.createDirectories(root.resolve("JPEGImages"));
        Files.createDirectories(root.resolve(masks));
        Files.createDirectories(root.resolve("ImageSets/Segmentation"));
        StringBuilder list = new StringBuilder();
        List<SegmentationSample> scenes = scenes();
        for (int i = 0; i < N; i++) {
            SegmentationSample s = scenes.get(i);
            String id = "2007_00000" + i;
            ImageFiles.writePng(root.resolve("JPEGImages/" + id + ".jpg"), RgbImage.of(s));
            MaskImages.writeLabelPng(root.resolve(masks + "/" + id + ".png"), fold(s, 21),
                    s.height(), s.width(), VocClasses.catalog());
            list.append(id).append('\n');
        }
        for (String split : new String[] {"train", "val"}) {
            Path file = augmented ? root.resolve(split + "_aug.txt")
                    : root.resolve("ImageSets/Segmentation/" + split + ".txt");
            Files.writeString(file, list);
        }
        return root;
    }

    private Path camvid() throws IOException {
        Path root = dir.resolve("camvid");
        List<SegmentationSample> scenes = scenes();
        for (String split : new String[] {"train", "val"}) {
            Files.createDirectories(root.resolve(split));
            Files.createDirectories(root.resolve(split + "annot"));
            for (int i = 0; i < N; i++) {
                SegmentationSample s = scenes.get(i);
                ImageFiles.writePng(root.resolve(split + "/f" + i + ".png"), RgbImage.of(s));
                BufferedImage grey = new BufferedImage(s.width(), s.height(),
                        BufferedImage.TYPE_BYTE_GRAY);
                byte[] labels = fold(s, 11);
                for (int p = 0; p < labels.length; p++) {
                    int y = Byte.toUnsignedInt(labels[p]);
                    grey.getRaster().setSample(p % s.width(), p / s.width(), 0,
                            y == 255 ? CamVidClasses.UNLABELLED : y);
                }
                ImageFiles.writePng(root.resolve(split + "annot/f" + i + ".png"), grey);
            }
        }
        return root;
    }

    private Path folder() throws IOException {
        Path root = dir.resolve("folder");
        ClassCatalog cityscapes = ClassCatalog.cityscapes();
        StringBuilder classes = new StringBuilder();
        cityscapes.classes().forEach(c -> classes.append(c.name().replace(' ', '_')).append(' ')
                .append(c.red()).append(' ').append(c.green()).append(' ').append(c.blue())
                .append('\n'));
        Files.createDirectories(root);
        Files.writeString(root.resolve("classes.txt"), classes);
        List<SegmentationSample> scenes = scenes();
        for (String split : new String[] {"train", "val"}) {
            Files.createDirectories(root.resolve("images/" + split));
            Files.createDirectories(root.resolve("masks/" + split));
            for (int i = 0; i < N; i++) {
                SegmentationSample s = scenes.get(i);
                ImageFiles.writePng(root.resolve("images/" + split + "/s" + i + ".png"),
                        RgbImage.of(s));
                MaskImages.writeLabelPng(root.resolve("masks/" + split + "/s" + i + ".png"),
                        s.label(), s.height(), s.width(), cityscapes);
            }
        }
        return root;
    }

    @ParameterizedTest
    @ValueSource(strings = {"voc", "voc_aug", "camvid", "folder"})
    void trainEvaluateAndStatsWorkOnTheLayout(String layout) throws IOException {
        Path root = switch (layout) {
            case "voc" -> voc(false);
            case "voc_aug" -> voc(true);
            case "camvid" -> camvid();
            default -> folder();
        };
        Path runDir = dir.resolve("run-" + layout);
        CliRunner.Result train = run("train", "--dataset", layout, "--root", root.toString(),
                "--output", runDir.toString(), "--method", "baseline", "train.iterations=2",
                "train.batch_size=2", "train.validation_interval=2", "--threads", "2",
                "loss.class_weights=enet");
        assertThat(train.code()).as(train.err()).isZero();
        CliRunner.Result eval = run("evaluate", "--checkpoint",
                runDir.resolve("checkpoints/last.safetensors").toString(), "--output",
                dir.resolve("eval-" + layout).toString(), "evaluation.mode=multiscale",
                "evaluation.scales=0.5,1.0", "evaluation.flip=true");
        assertThat(eval.code()).as(eval.err()).isZero();
        Path statsDir = dir.resolve("stats-" + layout);
        CliRunner.Result stats = run("stats", "--dataset", layout, "--root", root.toString(),
                "--split", "val", "--output", statsDir.toString());
        assertThat(stats.code()).as(stats.err()).isZero();
        assertThat(statsDir.resolve("class_stats.json")).isRegularFile();
    }
}
