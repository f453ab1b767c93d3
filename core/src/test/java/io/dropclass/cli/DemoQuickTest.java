package io.dropclass.cli;

import static io.dropclass.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command, in its quick form: baseline and DropClass, compared and reported. */
class DemoQuickTest {

    @TempDir Path dir;

    @Test
    void quickDemoTrainsBothMethodsComparesThemAndWritesTheReport() throws IOException {
        CliRunner.Result r = run("demo", "--quick", "--output", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("baseline").contains("dropclass").contains("delta");
        // it ends with what it wrote, each named once in all it printed
        java.util.List<String> lines = r.out().lines().toList();
        assertThat(lines.subList(lines.size() - 3, lines.size())).containsExactly(
                "baseline run:  " + dir.resolve("baseline/seed-1"),
                "dropclass run: " + dir.resolve("dropclass/seed-1"),
                "report:        " + dir.resolve("report.html"));
        String all = r.out() + r.err();
        for (Path written : new Path[] {dir.resolve("report.html")}) {
            assertThat(all.split(java.util.regex.Pattern.quote(written.toString()), -1))
                    .as(written.toString()).hasSize(2);
        }
        for (String m : new String[] {"baseline", "dropclass"}) {
            Path run = dir.resolve(m + "/seed-1");
            assertThat(Files.readString(run.resolve("manifest.json")))
                    .contains("\"status\" : \"finished\"");
            assertThat(run.resolve("analysis/similarity.json")).isRegularFile();
            // both start from the one warm start in the demo's folder
            assertThat(Files.readString(run.resolve("config.json"))).contains(
                    dir.toAbsolutePath() + "/warm-start-");
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("Grad-CAM").contains("Class similarity")
                .contains("data:image/png;base64,");
    }
}
