package io.dropclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropclass.results.ResultFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dropclass train --resume}: divergence, lower lr, finished runs, refusals. */
class ResumeCliTest {

    @TempDir Path tmp;

    @Test
    void aDivergedRunNamesItsLastCheckpointAndResumesFromAnEarlierOneWithAnotherLearningRate()
            throws Exception {
        Path run = tmp.resolve("run");
        CliRunner.Result first = CliRunner.run(CliRunner.concat(new String[] {"train",
                "--output", run.toString(), "train.checkpoint_interval=1"}, CliRunner.TINY));
        assertThat(first.code()).as(first.err()).isZero();
        String iter2 = run.resolve("checkpoints").resolve("iter_000002.safetensors").toString();
        byte[] weights2 = Files.readAllBytes(Path.of(iter2));

        // a training-state checkpoint (momentum buffers included) serves as a weights file
        CliRunner.Result eval = CliRunner.run("evaluate", "--checkpoint", iter2, "--output",
                tmp.resolve("eval").toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(tmp.resolve("eval/metrics.json")).isRegularFile();

        // continue from step 2 with an absurd rate: the update of step 3 blows the weights up
        CliRunner.Result diverged = CliRunner.run("train", "--resume", iter2, "optimizer.lr=1e30");
        assertThat(diverged.code()).isEqualTo(1);
        String line = diverged.err().lines().filter(l -> l.startsWith("dropclass: iteration"))
                .findFirst().orElseThrow(() -> new AssertionError(diverged.err()));
        assertThat(line).matches("dropclass: iteration (\\d+): loss term '\\w+' is (NaN|-?Infinity)"
                + " — training stopped; last good checkpoint: checkpoints[/\\\\]iter_\\d{6}"
                + "\\.safetensors \\(resume with dropclass train --resume .*run, e\\.g\\. with a"
                + " lower optimizer\\.lr=\\.\\.\\.\\)");
        JsonNode manifest = ResultFiles.mapper().readTree(run.resolve("manifest.json").toFile());
        assertThat(manifest.get("status").asText()).isEqualTo("failed");
        assertThat(manifest.get("error").asText()).contains("last good checkpoint");
        assertThat(Files.readAllBytes(Path.of(iter2))).isEqualTo(weights2);

        // that checkpoint holds the blown-up weights: go back to step 2 with a sane rate
        CliRunner.Result resumed = CliRunner.run("train", "--resume", iter2, "optimizer.lr=0.02");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("optimizer.lr 1.0E30 -> 0.02")
                .contains("later checkpoint(s) to checkpoints/abandoned-2-2 ");
        // the first resume from step 2 abandoned a branch too: both are kept, neither overwritten
        assertThat(run.resolve("checkpoints/abandoned-2")).isDirectory();
        assertThat(run.resolve("checkpoints/abandoned-2-2")).isDirectory();
        manifest = ResultFiles.mapper().readTree(run.resolve("manifest.json").toFile());
        assertThat(manifest.get("status").asText()).isEqualTo("finished");
        assertThat(manifest.get("resumes")).hasSize(2);
        assertThat(manifest.get("resumes").get(1).get("previous_status").asText())
                .isEqualTo("failed");
        assertThat(manifest.get("resumes").get(0).get("lr").asDouble()).isEqualTo(1e30);
        assertThat(manifest.get("resumes").get(1).get("previous_lr").asDouble()).isEqualTo(1e30);
        assertThat(manifest.get("resumes").get(1).get("lr").asDouble()).isEqualTo(0.02);
        assertThat(Files.readString(run.resolve("config.json"))).contains("\"lr\" : 0.02");

        CliRunner.Result again = CliRunner.run("train", "--resume", run.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("is finished; nothing to resume");
    }

    @Test
    void resumeRefusesWhatWouldChangeTheRunAndRunsWithoutCheckpoints() throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run.resolve("checkpoints"));
        Files.writeString(run.resolve("config.json"), "{}");
        Files.writeString(run.resolve("manifest.json"), "{\"status\" : \"interrupted\"}");

        CliRunner.Result override = CliRunner.run("train", "--resume", run.toString(),
                "train.iterations=9");
        assertThat(override.code()).isEqualTo(2);
        assertThat(override.err()).contains("'train.iterations=9' would change the run's"
                + " configuration; only optimizer.lr=X may be given on resume");

        CliRunner.Result option = CliRunner.run("train", "--resume", run.toString(), "--seed", "3");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err()).contains("drop the other options");

        CliRunner.Result none = CliRunner.run("train", "--resume", run.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no training-state checkpoint");
        assertThat(none.err().lines().count()).isEqualTo(1);

        CliRunner.Result missing = CliRunner.run("train", "--resume", tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such run directory");
    }
}
