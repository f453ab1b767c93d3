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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --executor processes} trains the runs of a grid in child JVMs with the serial results
 * exactly; {@code sweep} ranks a grid over two keys; bad executor options are one-line errors.
 */
class ExecutorsCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void processesGiveTheSerialComparisonExactly() throws IOException {
        String[] compare = {"compare", "--methods", "baseline,dropclass", "--seeds", "1"};
        CliRunner.Result serial = run(concat(concat(compare, "--output",
                dir.resolve("serial").toString()), TINY));
        CliRunner.Result processes = run(concat(concat(compare, "--executor", "processes",
                "--parallel", "2", "--output", dir.resolve("processes").toString()), TINY));
        assertThat(serial.code()).as(serial.err()).isZero();
        assertThat(processes.code()).as(processes.err()).isZero();
        assertThat(processes.err())
                .contains("(output: " + dir.resolve("processes/baseline/seed-1.log"));
        assertThat(json(dir.resolve("processes/comparison.json")))
                .isEqualTo(json(dir.resolve("serial/comparison.json")));
        for (String run : List.of("baseline/seed-1", "dropclass/seed-1")) {
            assertThat(json(dir.resolve("processes").resolve(run).resolve("metrics.json")))
                    .isEqualTo(json(dir.resolve("serial").resolve(run).resolve("metrics.json")));
            assertThat(Files.readAllBytes(dir.resolve("processes").resolve(run)
                    .resolve("checkpoints/last.safetensors"))).as("weights of " + run)
                    .isEqualTo(Files.readAllBytes(dir.resolve("serial").resolve(run)
                            .resolve("checkpoints/last.safetensors")));
        }
        assertThat(processes.out()).isEqualTo(serial.out().replace(
                dir.resolve("serial").toString(), dir.resolve("processes").toString()));
    }

    @Test
    void sweepOverTwoKeysRanksTheSettingsByValidationMiou() throws IOException {
        Path root = dir.resolve("sweep");
        String[] sweep = concat(new String[] {"sweep", "method.name=baseline,dropclass",
            "optimizer.lr=0.01,0.05", "--output", root.toString()}, TINY);
        CliRunner.Result r = run(sweep);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("sweep over method.name × optimizer.lr, 4 setting(s)")
                .contains("rank")
                .containsPattern("best: method.name=\\w+ optimizer.lr=0.0[15] \\(");
        JsonNode doc = json(root.resolve("sweep.json"));
        assertThat(doc.get("settings")).hasSize(4);
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode s : doc.get("settings")) {
            double mean = s.get("miou").get("mean").asDouble();
            assertThat(mean).isLessThanOrEqualTo(previous);
            previous = mean;
            assertThat(root.resolve(s.get("name").asText()).resolve("seed-1/metrics.json"))
                    .isRegularFile();
        }
        assertThat(doc.get("best").asText()).isEqualTo(doc.get("settings").get(0).get("name")
                .asText());
        assertThat(root.resolve("name-dropclass_lr-0.05/seed-1/config.json")).isRegularFile();

        CliRunner.Result again = run(sweep); // re-submitted: every run is reused
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err().lines().filter(l -> l.startsWith("reusing"))).hasSize(4);
        assertThat(again.out()).isEqualTo(r.out());
    }

    @Test
    void badExecutorOptionsAreOneLineUserErrors() {
        List<String[]> bad = List.of(
                new String[] {"compare", "--executor", "magic"},
                new String[] {"compare", "--executor", "processes", "--parallel", "0"},
                new String[] {"compare", "--executor", "processes", "--devices", "cpu:0"},
                new String[] {"compare", "--executor", "processes", "--devices", "gpu:0,gpu:0"},
                new String[] {"compare", "--executor", "processes", "--devices", "gpu:0",
                    "--parallel", "2"},
                new String[] {"compare", "--parallel", "2"},
                new String[] {"compare", "--master", "local[2]"},
                new String[] {"compare", "--spark-conf", "spark.x=1"},
                new String[] {"compare", "--executor", "spark"},
                new String[] {"stats", "--executor", "processes"},
                new String[] {"sweep", "optimizer.lr"},
                new String[] {"sweep", "optimizer.lr=0.1,0.1"},
                new String[] {"sweep", "optimizer.nonsense=1,2"},
                new String[] {"sweep"});
        for (String[] args : bad) {
            CliRunner.Result r = run(concat(args, "--output", dir.resolve("bad").toString()));
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("dropclass: ");
        }
        assertThat(dir.resolve("bad")).doesNotExist();
    }

    private static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }
}
