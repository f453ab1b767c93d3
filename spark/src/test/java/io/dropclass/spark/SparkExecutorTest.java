package io.dropclass.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --executor spark} on the embedded {@code local[2]} master gives the serial results
 * exactly: the same comparison (even when a task's training process is killed and the task
 * retried), the same confusion matrix, class counts and masks.
 */
class SparkExecutorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;

    /** The serial comparison every test compares with; its baseline run's checkpoint is used. */
    @BeforeAll
    static void serialComparison() {
        Cli.Result serial = Cli.run(Cli.tiny("compare", "--methods", "baseline,dropclass",
                "--seeds", "1", "--output", dir.resolve("serial").toString()));
        assertThat(serial.code()).as(serial.err()).isZero();
    }

    @Test
    void comparisonOnLocal2EqualsSerialAndSurvivesAKilledTrainingProcess() throws Exception {
        Path killed = dir.resolve("spark/dropclass/seed-1");
        Cli.Result spark;
        try (ChildKiller killer = ChildKiller.watch(killed)) {
            spark = Cli.run(Cli.tiny("compare", "--methods", "baseline,dropclass", "--seeds", "1",
                    "--executor", "spark", "--master", "local[2]",
                    "--output", dir.resolve("spark").toString()));
            assertThat(killer.killed()).as("the first training process of " + killed
                    + " was killed").isTrue();
        }
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(spark.err()).contains("spark master local[2,4]")
                .contains("== " + killed + " (attempt 2");
        assertThat(json(dir.resolve("spark/comparison.json")))
                .isEqualTo(json(dir.resolve("serial/comparison.json")));
        for (String run : List.of("baseline/seed-1", "dropclass/seed-1")) {
            assertThat(json(dir.resolve("spark").resolve(run).resolve("metrics.json")))
                    .isEqualTo(json(dir.resolve("serial").resolve(run).resolve("metrics.json")));
            assertThat(Files.readAllBytes(dir.resolve("spark").resolve(run)
                    .resolve("checkpoints/last.safetensors"))).as("weights of " + run)
                    .isEqualTo(Files.readAllBytes(dir.resolve("serial").resolve(run)
                            .resolve("checkpoints/last.safetensors")));
        }

        // submitted again: every run is finished and reused, the comparison is the same
        Cli.Result again = Cli.run(Cli.tiny("compare", "--methods", "baseline,dropclass",
                "--seeds", "1", "--executor", "spark", "--output",
                dir.resolve("spark").toString()));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err().lines().filter(l -> l.startsWith("reused "))).hasSize(2);
        assertThat(json(dir.resolve("spark/comparison.json")))
                .isEqualTo(json(dir.resolve("serial/comparison.json")));
    }

    @Test
    void evaluationOnSparkGivesTheSerialConfusionMatrixExactly() throws IOException {
        String checkpoint = dir.resolve("serial/baseline/seed-1/checkpoints/last.safetensors")
                .toString();
        // 6 images in batches of 2: three batches, spread over the two task slots
        String[] data = {"data.val_images=6", "evaluation.batch_size=2", "--threads", "1"};
        Cli.Result serial = Cli.run(concat(new String[] {"evaluate", "--checkpoint", checkpoint,
            "--output", dir.resolve("eval-serial").toString()}, data));
        Cli.Result spark = Cli.run(concat(new String[] {"evaluate", "--checkpoint", checkpoint,
            "--executor", "spark", "--master", "local[2]",
            "--output", dir.resolve("eval-spark").toString()}, data));
        assertThat(serial.code()).as(serial.err()).isZero();
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(spark.err()).contains("6 image(s) in 2 task(s)");
        JsonNode expected = json(dir.resolve("eval-serial/metrics.json"));
        assertThat(json(dir.resolve("eval-spark/metrics.json"))).isEqualTo(expected);
        assertThat(expected.toString()).contains("confusion");
        assertThat(spark.out()).isEqualTo(serial.out().replace(dir.resolve("eval-serial")
                .toString(), dir.resolve("eval-spark").toString()));
    }

    @Test
    void statisticsAndPredictionOnSparkEqualTheSerialOnes() throws IOException {
        String[] stats = {"stats", "--split", "train", "data.train_images=7", "data.height=32",
            "data.width=64"};
        Cli.Result serial = Cli.run(concat(stats, "--output", dir.resolve("st-serial").toString()));
        Cli.Result spark = Cli.run(concat(stats, "--executor", "spark", "--output",
                dir.resolve("st-spark").toString()));
        assertThat(serial.code()).as(serial.err()).isZero();
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(json(dir.resolve("st-spark/class_stats.json")))
                .isEqualTo(json(dir.resolve("st-serial/class_stats.json")));

        Path images = Files.createDirectories(dir.resolve("images"));
        Random random = new Random(7);
        for (int i = 0; i < 3; i++) {
            BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 64; x++) {
                    image.setRGB(x, y, random.nextInt(0x1000000));
                }
            }
            ImageIO.write(image, "png", images.resolve("img" + i + ".png").toFile());
        }
        String checkpoint = dir.resolve("serial/baseline/seed-1/checkpoints/last.safetensors")
                .toString();
        String[] predict = {"predict", "--checkpoint", checkpoint, images.toString()};
        Cli.Result p1 = Cli.run(concat(predict, "--output", dir.resolve("p-serial").toString()));
        Cli.Result p2 = Cli.run(concat(predict, "--executor", "spark", "--master", "local[2]",
                "--output", dir.resolve("p-spark").toString()));
        assertThat(p1.code()).as(p1.err()).isZero();
        assertThat(p2.code()).as(p2.err()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(Files.readAllBytes(dir.resolve("p-spark/img" + i + ".png")))
                    .isEqualTo(Files.readAllBytes(dir.resolve("p-serial/img" + i + ".png")));
        }
    }

    @Test
    void badSparkSettingsAreOneLineUserErrors() {
        for (String[] bad : List.of(
                new String[] {"--master", "local[two]"},
                new String[] {"--master", "http://cluster"},
                new String[] {"--spark-conf", "executor.memory=2g"},
                new String[] {"--master", "spark://h:7077", "--devices", "gpu:0"})) {
            Cli.Result r = Cli.run(concat(new String[] {"compare", "--methods", "baseline",
                "--executor", "spark", "--output", dir.resolve("bad").toString()}, bad));
            assertThat(r.code()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("dropclass: --");
        }
        assertThat(dir.resolve("bad")).doesNotExist();
    }

    private static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
