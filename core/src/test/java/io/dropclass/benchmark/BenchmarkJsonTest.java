package io.dropclass.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkJsonTest {

    @TempDir Path dir;

    static BenchmarkReport report(OptionalDouble peak, OptionalDouble share) {
        Map<String, Double> means = new LinkedHashMap<>();
        means.put("data", 1.0);
        means.put("forward", 80.0);
        means.put("backward", 100.0);
        means.put("optimizer", 19.0);
        TrainingMeasurement train =
                new TrainingMeasurement(10, 3, 8, 190.0, 200.0, means, means, 40.0);
        // 1.5 GMAC per image: step = 3 · 2 · 1.5 · 8 = 72 GFLOP in 0.2 s = 360 GFLOP/s
        FlopFigures flops = new FlopFigures(1_500_000_000L, 1_200_000_000L, 8, share);
        return new BenchmarkReport("dropclass dev", "hrnet_w18_small_v1", "dropclass",
                new Resolution(256, 512), 2, 1, Map.of("djl", "0.36.0"), List.of("forced drop"),
                train, flops,
                List.of(new InferenceBenchmark.InferenceResult(1024, 2048, 1, 500.0, 2.0)),
                new MatmulCeiling.MatmulResult(2048, 20.0, 900.0),
                new MemoryFigures(new ProcessMemory(OptionalDouble.of(900.0), peak),
                        new RssCurve(List.of(new RssCurve.Point(0, 800),
                                new RssCurve.Point(5, 805), new RssCurve.Point(10, 810))),
                        MemoryAllocator.of(Map.of("GLIBC_TUNABLES",
                                MemoryAllocator.RETAINING_GLIBC_TUNABLES)),
                        java.util.Optional.of(new PageFaults(25_000, 10)), 10),
                java.util.Optional.empty());
    }

    @Test
    void writesTheFixedKeysWithDerivedFigures() throws Exception {
        Path file = dir.resolve("out/bench.json");
        BenchmarkJson.write(file, report(OptionalDouble.of(1000.0), OptionalDouble.of(0.2)));
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.get("crop").toString()).isEqualTo("[256,512]");
        assertThat(root.get("batch").asInt()).isEqualTo(8);
        assertThat(root.get("loader_threads").asInt()).isEqualTo(1);
        JsonNode train = root.get("train");
        assertThat(train.get("phases_ms").get("backward").asDouble()).isEqualTo(100.0);
        assertThat(train.get("forward_gmac_per_image").asDouble()).isEqualTo(1.5);
        assertThat(train.get("forward_conv_gmac_per_image").asDouble()).isEqualTo(1.2);
        assertThat(train.get("step_gflop").asDouble()).isCloseTo(72.0, within(1e-9));
        assertThat(train.get("gflops_per_second").asDouble()).isCloseTo(360.0, within(1e-9));
        assertThat(train.get("dropclass_extra_share").asDouble()).isEqualTo(0.2);
        assertThat(root.get("inference").get(0).get("ms_median").asDouble()).isEqualTo(500.0);
        assertThat(root.get("matmul").get("gflops_per_second").asDouble()).isEqualTo(900.0);
        assertThat(root.get("efficiency").asDouble()).isCloseTo(0.4, within(1e-9));
        assertThat(root.get("rss").get("peak_mb").asDouble()).isEqualTo(1000.0);
        assertThat(root.get("memory").get("allocator").asText()).isEqualTo("glibc (retaining)");
        assertThat(root.get("memory").get("page_faults_minor_per_step").asDouble())
                .isEqualTo(2500.0);
        assertThat(root.get("memory").get("page_faults_major_per_step").asDouble())
                .isEqualTo(1.0);
        assertThat(root.get("rss").get("curve").toString())
                .isEqualTo("[[0,800.0],[5,805.0],[10,810.0]]");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left
        }
    }

    @Test
    void unmeasuredFiguresAreNull() {
        Map<String, Object> tree =
                BenchmarkJson.tree(report(OptionalDouble.empty(), OptionalDouble.empty()));
        @SuppressWarnings("unchecked")
        Map<String, Object> rss = (Map<String, Object>) tree.get("rss");
        @SuppressWarnings("unchecked")
        Map<String, Object> train = (Map<String, Object>) tree.get("train");
        assertThat(rss.get("peak_mb")).isNull();
        assertThat(rss).containsKey("peak_mb");
        assertThat(train).containsEntry("dropclass_extra_share", null);
    }

    @Test
    void theTableNamesEveryFigureAndSaysNaOffLinux() {
        String table =
                BenchmarkTable.format(report(OptionalDouble.empty(), OptionalDouble.of(0.2)));
        assertThat(table).contains("hrnet_w18_small_v1 / dropclass", "crop 256x512", "threads 2",
                "note: forced drop", "backward", "images/s", "40.00", "(convolutions 1.200, resize matrix products 0.300)", "72.00", "360.00",
                "DropClass branch share of forward        20.0 %", "900.00", "40.0 %",
                "1024x2048", "peak RSS n/a MiB", "final RSS 900 MiB", "+100.00 MiB per 100 steps");
    }

    @Test
    void settingsNameTheOption() {
        assertThatThrownBy(() -> new BenchmarkSettings(5, -1, List.of(), 1, 1, 0, 64, 0))
                .hasMessage("--warmup: must be 0 or more, got -1");
        assertThatThrownBy(() -> new BenchmarkSettings(5, 1, List.of(), 1, 1, 0, 0, 0))
                .hasMessage("--matmul: must be at least 1, got 0");
    }
}
