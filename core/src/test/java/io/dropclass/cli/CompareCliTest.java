package io.dropclass.cli;

import static io.dropclass.cli.CliRunner.TINY;
import static io.dropclass.cli.CliRunner.concat;
import static io.dropclass.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCliTest {

    @TempDir Path dir;

    @Test
    void comparesMethodsOverSeedsAndResumesFromFinishedRuns() throws IOException {
        Path root = dir.resolve("cmp");
        String[] args = concat(new String[] {"compare", "--methods", "baseline,dropclass,weighted_ce",
            "--seeds", "2", "--output", root.toString()}, TINY);
        CliRunner.Result first = run(args);
        assertThat(first.code()).as(first.err()).isZero();
        // the console: one row per method; the per-class table is in comparison.txt
        assertThat(first.out()).contains("Δ mIoU").contains("rare-class mIoU").contains("±")
                .contains(root.resolve("comparison.txt").toString());
        assertThat(first.out().lines().filter(l -> l.matches(" (baseline|dropclass|weighted_ce) .*")))
                .hasSize(3);
        assertThat(Files.readString(root.resolve("comparison.txt"))).contains("Δ dropclass")
                .contains("Δ weighted_ce").contains("rare-class mIoU").contains("road");
        for (String m : new String[] {"baseline", "dropclass", "weighted_ce"}) {
            for (int s = 1; s <= 2; s++) {
                assertThat(root.resolve(m + "/seed-" + s + "/metrics.json")).isRegularFile();
            }
        }
        JsonNode doc = new ObjectMapper().readTree(root.resolve("comparison.json").toFile());
        assertThat(doc.get("methods").get("dropclass").get("classes")).hasSize(19);
        assertThat(new ObjectMapper().readTree(root.resolve("weighted_ce/seed-1/config.json")
                .toFile()).get("loss").get("class_weights").asText()).isEqualTo("median_frequency");

        // an interrupted run (no finished manifest) is trained again; finished ones are reused
        Files.writeString(root.resolve("dropclass/seed-2/manifest.json"), "{\"status\":\"running\"}");
        CliRunner.Result second = run(args);
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.err()).contains("reusing finished run").contains("training again");
        assertThat(second.err().lines().filter(l -> l.startsWith("reusing"))).hasSize(5);

        CliRunner.Result report = run("report", root.toString());
        assertThat(report.code()).as(report.err()).isZero();
        String html = Files.readString(root.resolve("report.html"));
        assertThat(html).contains("dropclass").contains("weighted_ce").contains("data:image/png;base64,");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"focal", "ohem", "lovasz"})
    void everyImbalanceBaselineTrainsAndLogsItsLossTerm(String method) throws IOException {
        Path run = dir.resolve(method);
        CliRunner.Result r = run(concat(new String[] {"train", "--method", method, "--output",
            run.toString()}, TINY));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(run.resolve("history.csv")).get(0)).contains(method);
    }

    @Test
    void unknownMethodIsAUserError() {
        CliRunner.Result r = run("compare", "--methods", "baseline,magic");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("magic").contains("known");
    }
}
