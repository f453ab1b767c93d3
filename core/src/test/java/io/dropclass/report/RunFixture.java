package io.dropclass.report;

import io.dropclass.evaluation.EvaluationJson;
import io.dropclass.evaluation.SegmentationEvaluation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Writes small run directories, with the files a training run leaves, for report tests. */
final class RunFixture {

    static final List<String> CLASSES = List.of("road", "bike<x>", "sky");

    private RunFixture() {}

    static Path write(Path root, String name, String method, long seed, String status,
            long[][] confusion) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("config.json"), """
                {"name": "%s", "method": {"name": "%s"}, "dropclass": {"alpha": 10.0},
                 "model": {"architecture": "hrnet_w18_small_v1"}, "runtime": {"seed": %d}}
                """.formatted(name, method, seed));
        Files.writeString(dir.resolve("manifest.json"), """
                {"tool": "dropclass 0.1.0-SNAPSHOT", "command": ["train", "--output", "%s"],
                 "status": "%s", "error": %s, "seed": %d, "threads": 2,
                 "versions": {"java": "17", "djl": "0.36.0"}, "git_commit": "abc123",
                 "datasets": {"train": "synthetic-streets-v1:train:seed=%d"},
                 "started_at": "2026-11-26T10:00:00Z", "finished_at": null, "outcome": {}}
                """.formatted(name, status, status.equals("finished") ? "null" : "\"stopped\"",
                seed, seed));
        Files.writeString(dir.resolve("class_stats.json"), """
                {"dataset": "synthetic", "split": "train", "images": 8, "ignored_pixels": 0,
                 "classes": [
                  {"id": 0, "name": "road", "pixels": 600, "share": 0.6, "images": 8},
                  {"id": 1, "name": "bike<x>", "pixels": 5, "share": 0.005, "images": 2},
                  {"id": 2, "name": "sky", "pixels": 395, "share": 0.395, "images": 8}]}
                """);
        Files.writeString(dir.resolve("history.csv"),
                "iteration,epoch,lr,ce,drop,dropped_class,lambda,loss,sup,images_per_second,"
                        + "elapsed_seconds\n"
                        + "1,0,0.01,2.9,0.5,1,0.1,3.4,0.2,10,0.1\n"
                        + "2,0,0.007,2.5,0.4,-1,0.2,2.9,0.1,12,0.2\n"
                        + "3,0,0.004,2.0,0.3,2,0.3,2.3,0.1,12,0.3\n"
                        + "4,0,0.001,1.7,0.2,0,0.4,1.9,0.05,12,0.4\n");
        Files.writeString(dir.resolve("validation.csv"),
                "iteration,miou,miou_absent_as_zero,rare_miou,pixel_accuracy,"
                        + "mean_class_accuracy,iou_road,iou_bike,iou_sky\n"
                        + "2,0.4,0.4,0.1,0.7,0.5,0.6,0.1,0.5\n"
                        + "4,0.6,0.6,NaN,0.8,0.6,0.8,0.3,0.7\n");
        if (confusion != null) {
            EvaluationJson.write(dir.resolve("metrics.json"),
                    new SegmentationEvaluation("test", CLASSES, confusion));
        }
        return dir;
    }

    static void addAnalysis(Path dir) throws IOException {
        Path analysis = Files.createDirectories(dir.resolve("analysis"));
        Files.writeString(analysis.resolve("similarity.json"), """
                {"classes": ["road", "bike<x>", "sky"],
                 "matrix": [[1.0, 0.2, 0.1], [0.2, 1.0, null], [0.1, 0.3, 1.0]]}
                """);
        Path cam = Files.createDirectories(analysis.resolve("cam"));
        BufferedImage panel = new BufferedImage(48, 16, BufferedImage.TYPE_INT_RGB);
        panel.setRGB(3, 3, 0xff0000);
        ImageIO.write(panel, "png", cam.resolve("0001_bike.png").toFile());
        ImageIO.write(panel, "png",
                Files.createDirectories(analysis.resolve("predictions")).resolve("0001.png")
                        .toFile());
    }
}
