package io.dropclass.cli;

import static io.dropclass.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evidence study end to end on tiny images: every table, the shared warm start, reuse. */
class StudyQuickTest {

    @TempDir Path dir;

    @Test
    void runsTheComparisonShiftBranchAndAblationsFromOneWarmStart() throws IOException {
        String[] args = {"study", "--quick", "--seeds", "1", "--threads", "2", "--output",
            dir.toString()};
        CliRunner.Result r = run(args);
        assertThat(r.code()).as(r.err()).isZero();
        // the warm start is trained once, before the first run, and reused by every other
        assertThat(r.err().split("== .*warm-start-", -1)).hasSize(2);
        assertThat(r.err()).contains("warm start: reusing finished run");
        assertThat(r.out()).contains("## Validation split").contains("## Shift split")
                .contains("Δ dropclass").contains("Δ weighted_ce").contains("Δ dropclass_plain")
                .contains("Δ dropclass_iteration").contains("Δ dropclass_alpha1")
                .contains("Δ dropclass_present").contains("Δ dropclass_no_precise_bn")
                .contains("rare-class mIoU");
        Path warm;
        try (Stream<Path> s = Files.list(dir)) {
            warm = s.filter(p -> p.getFileName().toString().startsWith("warm-start-"))
                    .findFirst().orElseThrow();
        }
        String weights = warm.resolve("checkpoints/last.safetensors").toAbsolutePath().toString();
        ObjectMapper json = new ObjectMapper();
        for (String arm : new String[] {"baseline", "dropclass", "weighted_ce"}) {
            for (int seed = 1; seed <= 1; seed++) {
                Path run = dir.resolve(arm + "/seed-" + seed);
                JsonNode config = json.readTree(run.resolve("config.json").toFile());
                assertThat(config.get("model").get("pretrained").asText()).isEqualTo(weights);
                assertThat(run.resolve("evaluate-shift/metrics.json")).isRegularFile();
            }
        }
        assertThat(json.readTree(dir.resolve("dropclass_alpha1/seed-1/config.json").toFile())
                .get("dropclass").get("alpha").asDouble()).isEqualTo(1.0);
        assertThat(dir.resolve("dropclass/seed-1/evaluate-plain/metrics.json")).isRegularFile();
        for (String f : new String[] {"comparison.json", "shift.json", "branch.json",
            "ablations.json", "study.md", "report.html"}) {
            assertThat(dir.resolve(f)).as(f).isRegularFile();
        }
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Grad-CAM");

        CliRunner.Result again = run(args);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).doesNotContain("== ").contains("warm start: reusing");
        assertThat(again.out()).isEqualTo(r.out());
    }
}
