package io.dropclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropclass.results.IterationRecord;
import io.dropclass.results.ResultFiles;
import io.dropclass.results.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tolerance end to end: {@code dropclass train} runs in child JVMs that are killed with
 * SIGKILL ({@link Process#destroyForcibly()}) at random (seeded) moments once a checkpoint exists,
 * each time resumed with {@code dropclass train --resume}; the run that finally finishes holds the
 * same bits as an uninterrupted run.
 */
class KillAndResumeTest {

    /** 8 steps of 2 images, a checkpoint every step, validation only at the end. */
    private static final String[] RUN = {
        "data.height=32", "data.width=64", "data.train_images=8", "data.val_images=2",
        "train.iterations=8", "train.batch_size=2", "train.validation_interval=8",
        "train.log_interval=1", "train.checkpoint_interval=1", "train.keep_checkpoints=2",
        "--threads", "2"
    };

    private static final int KILLS = 2;

    @TempDir Path tmp;

    private static Process start(Path log, String... args) throws IOException {
        List<String> command = ChildCli.command(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static int newestCheckpoint(Path run) throws IOException {
        Path dir = run.resolve("checkpoints");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("iter_\\d+\\.safetensors"))
                    .mapToInt(n -> Integer.parseInt(n.substring(5, n.indexOf('.'))))
                    .max().orElse(0);
        }
    }

    /** Waits until a checkpoint after {@code after} exists or the process ends. */
    private static void awaitCheckpoint(Process p, Path run, int after, Path log)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (newestCheckpoint(run) <= after && p.isAlive()) {
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("no checkpoint after " + after + ":\n"
                        + Files.readString(log));
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aRunKilledAtRandomMomentsAndResumedEndsWithTheBitsOfAnUninterruptedRun()
            throws Exception {
        Path run = tmp.resolve("killed");
        Path log = tmp.resolve("children.log");
        Random random = new Random(20211206);
        Process child = start(log, CliRunner.concat(new String[] {"train", "--output",
                run.toString()}, RUN));
        int kills = 0;
        List<Integer> killedAt = new ArrayList<>();
        while (kills < KILLS) {
            int before = newestCheckpoint(run);
            awaitCheckpoint(child, run, before, log);
            Thread.sleep(random.nextInt(300)); // somewhere in a step, a validation or a write (a step
            // takes about 0.1-0.3 s on 2 cores: a longer wait may outlast the whole run)
            if (!child.isAlive()) {
                break; // finished before the kill: resume says so
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            child.waitFor();
            kills++;
            killedAt.add(newestCheckpoint(run));
            child = start(log, "train", "--resume", run.toString());
        }
        assertThat(child.waitFor(300, TimeUnit.SECONDS)).as("the last resume ends").isTrue();
        assertThat(child.exitValue()).as(Files.readString(log)).isZero();
        assertThat(kills).as("killed mid-run, checkpoints at the kills: %s", killedAt)
                .isEqualTo(KILLS);

        JsonNode manifest = ResultFiles.mapper().readTree(run.resolve("manifest.json").toFile());
        assertThat(manifest.get("status").asText()).isEqualTo("finished");
        assertThat(manifest.get("resumes")).hasSize(KILLS);
        assertThat(manifest.get("resumes").get(0).get("previous_status").asText())
                .isEqualTo("running"); // SIGKILL leaves no trace but the checkpoints

        // the uninterrupted run, in this JVM with the same threads
        Path whole = tmp.resolve("whole");
        CliRunner.Result r = CliRunner.run(CliRunner.concat(new String[] {"train", "--output",
                whole.toString()}, RUN));
        assertThat(r.code()).as(r.err()).isZero();
        for (String file : List.of("iter_000008.safetensors", "last.safetensors")) {
            assertThat(Files.mismatch(whole.resolve("checkpoints").resolve(file),
                    run.resolve("checkpoints").resolve(file))).as(file).isEqualTo(-1L);
        }
        assertThat(Files.readString(run.resolve("metrics.json")))
                .isEqualTo(Files.readString(whole.resolve("metrics.json")));
        // every step once, with the same losses (the rows after a kill's checkpoint redone)
        assertThat(losses(run)).hasSize(8).isEqualTo(losses(whole));
        assertThat(TrainingHistory.read(run, 8).snapshot().validation())
                .isEqualTo(TrainingHistory.read(whole, 8).snapshot().validation());
    }

    private static List<java.util.Map<String, Double>> losses(Path run) throws IOException {
        return TrainingHistory.read(run, Integer.MAX_VALUE).snapshot().train().stream()
                .map(IterationRecord::losses).toList();
    }
}
