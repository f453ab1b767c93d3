package io.dropclass.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCliTest {

    @TempDir Path dir;

    @Test
    void benchOfATinyDropClassRunWritesEveryFigure() throws Exception {
        Path json = dir.resolve("bench.json");
        // a crop larger than the default synthetic image: the image is enlarged to it
        CliRunner.Result r = CliRunner.run("bench", "--model", "hrnet_w18_small_v1",
                "--method", "dropclass", "--batch", "2", "--crop", "16x320", "--threads", "2",
                "--steps", "2", "--warmup", "1", "--inference", "16x32",
                "--inference-runs", "1", "--rss-every", "1", "--matmul", "64",
                "--json", json.toString(), "data.train_images=4");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("images/s", "efficiency", "forward GMAC per image",
                "DropClass branch share", "16x32", "forced");

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).startsWith("tool", "model", "method", "batch", "crop", "threads",
                "loader_threads", "train", "inference", "matmul", "efficiency", "rss");
        assertThat(root.get("model").asText()).isEqualTo("hrnet_w18_small_v1");
        assertThat(root.get("method").asText()).isEqualTo("dropclass");
        assertThat(root.get("batch").asInt()).isEqualTo(2);
        assertThat(root.get("crop").get(0).asInt()).isEqualTo(16);
        assertThat(root.get("crop").get(1).asInt()).isEqualTo(320);
        assertThat(root.get("threads").asInt()).isEqualTo(2);

        JsonNode train = root.get("train");
        assertThat(train.get("steps").asInt()).isEqualTo(2);
        assertThat(train.get("warmup").asInt()).isEqualTo(1);
        double mean = train.get("step_ms_mean").asDouble();
        assertThat(mean).isPositive();
        assertThat(train.get("images_per_second").asDouble())
                .isCloseTo(2 / (mean / 1000), within(1e-6));
        double phases = 0;
        for (String phase : List.of("data", "forward", "backward", "optimizer")) {
            assertThat(train.get("phases_ms").get(phase).asDouble()).as(phase).isPositive();
            phases += train.get("phases_ms").get(phase).asDouble();
        }
        assertThat(phases).isLessThanOrEqualTo(mean * 1.0001).isGreaterThan(mean * 0.8);
        double gmac = train.get("forward_gmac_per_image").asDouble();
        assertThat(gmac).isPositive();
        assertThat(train.get("step_gflop").asDouble())
                .isCloseTo(3 * 2 * gmac * 2, within(1e-9));
        assertThat(train.get("dropclass_extra_share").asDouble()).isBetween(0.01, 0.5);
        assertThat(train.get("gflops_per_second").asDouble()).isPositive();

        assertThat(root.get("inference")).hasSize(1);
        JsonNode first = root.get("inference").get(0);
        assertThat(first.get("height").asInt()).isEqualTo(16);
        assertThat(first.get("width").asInt()).isEqualTo(32);
        assertThat(first.get("batch").asInt()).isEqualTo(1);
        assertThat(first.get("ms_median").asDouble()).isPositive();
        assertThat(first.get("images_per_second").asDouble()).isPositive();

        assertThat(root.get("matmul").get("n").asInt()).isEqualTo(64);
        assertThat(root.get("matmul").get("gflops_per_second").asDouble()).isPositive();
        assertThat(root.get("efficiency").asDouble()).isCloseTo(
                train.get("gflops_per_second").asDouble()
                        / root.get("matmul").get("gflops_per_second").asDouble(),
                within(1e-9));

        JsonNode rss = root.get("rss");
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(rss.get("peak_mb").asDouble()).isGreaterThanOrEqualTo(
                    rss.get("final_mb").asDouble()).isGreaterThan(10);
            assertThat(rss.get("curve")).hasSize(3); // after the warm-up, after steps 1 and 2
            assertThat(rss.get("curve").get(2).get(0).asInt()).isEqualTo(2);
        }
    }

    @Test
    void badOptionsAreOneLineUserErrors() {
        CliRunner.Result crop = CliRunner.run("bench", "--crop", "256");
        assertThat(crop.code()).isEqualTo(2);
        assertThat(crop.err().strip()).startsWith("dropclass: --crop: expected HxW, e.g. 256x512")
                .doesNotContain("\n");

        CliRunner.Result inference = CliRunner.run("bench", "--inference", "1024x");
        assertThat(inference.code()).isEqualTo(2);
        assertThat(inference.err()).contains("--inference: expected HxW");

        CliRunner.Result steps = CliRunner.run("bench", "--steps", "0");
        assertThat(steps.code()).isEqualTo(2);
        assertThat(steps.err().strip()).isEqualTo("dropclass: --steps: must be at least 1, got 0");

        CliRunner.Result model = CliRunner.run("bench", "--model", "resnet", "--steps", "1");
        assertThat(model.code()).isEqualTo(2);
        assertThat(model.err()).contains("model.architecture");
    }
}
