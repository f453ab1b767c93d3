package io.dropclass.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.TensorData;
import io.dropclass.results.IterationRecord;
import io.dropclass.results.ResultFiles;
import io.dropclass.results.RunManifest;
import io.dropclass.results.TrainingHistory;
import io.dropclass.run.StateCheckpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped after iteration k and resumed in fresh objects ends with the same bits as the
 * uninterrupted run: every parameter, BatchNorm buffer and momentum buffer, the history and the
 * best validation.
 */
class ResumeTest {

    @TempDir Path tmp;

    /** Tiny synthetic run: 6 steps of 2 images (1.5 epochs), validation at 3 and 6. */
    static ExperimentConfig tiny(String... more) throws IOException {
        List<String> overrides = new ArrayList<>(List.of(
                "data.height=32", "data.width=64", "data.train_images=8", "data.val_images=4",
                "train.iterations=6", "train.batch_size=2", "train.validation_interval=3",
                "train.log_interval=1", "train.checkpoint_interval=1", "train.keep_checkpoints=10",
                "runtime.threads=2"));
        overrides.addAll(List.of(more));
        return ConfigFiles.resolve(ExperimentConfig.defaults(), null, overrides);
    }

    static Experiment.TrainingOutcome train(ExperimentConfig config, Path dir) throws IOException {
        return Experiment.train(config, dir, List.of("test"), quiet(), false);
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** The run as a kill after iteration k leaves it: later checkpoints gone, not finished. */
    static Path killedAfter(Path run, int k, Path copy) throws IOException {
        copyTree(run, copy);
        for (Path f : new StateCheckpoints(copy.resolve("checkpoints")).list()) {
            if (StateCheckpoints.iterationOf(f) > k) {
                Files.delete(f);
            }
        }
        Files.deleteIfExists(copy.resolve("metrics.json"));
        RunManifest m = ResultFiles.readJson(copy.resolve("manifest.json"), RunManifest.class);
        ResultFiles.writeJson(copy.resolve("manifest.json"),
                m.end("interrupted", "stopped by a signal", null, Map.of()));
        return copy;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Every tensor bit-equal; on failure the message names the largest difference. */
    static void assertSameTensors(Path a, Path b) throws IOException {
        Map<String, TensorData> ta = SafeTensors.readTensors(a);
        Map<String, TensorData> tb = SafeTensors.readTensors(b);
        assertThat(tb.keySet()).containsExactlyElementsOf(ta.keySet());
        assertThat(ta.keySet()).anyMatch(n -> n.startsWith(StateCheckpoints.MOMENTUM_PREFIX));
        String worst = null;
        double largest = 0;
        int differing = 0;
        for (String name : ta.keySet()) {
            if (!ta.get(name).data().equals(tb.get(name).data())) {
                differing++;
                float[] x = ta.get(name).toFloatArray();
                float[] y = tb.get(name).toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    double d = Math.abs((double) x[i] - y[i]);
                    if (d > largest || worst == null) {
                        largest = Math.max(d, largest);
                        worst = name;
                    }
                }
            }
        }
        assertThat(differing).as("tensors differing; largest |diff| %s in %s", largest, worst)
                .isZero();
    }

    static List<Map<String, Double>> losses(Path run) throws IOException {
        return TrainingHistory.read(run, Integer.MAX_VALUE).snapshot().train().stream()
                .map(IterationRecord::losses).toList();
    }

    /** One uninterrupted DropClass run shared by the tests (λ = i/N: later steps drop often). */
    private static Path whole;
    private static Experiment.TrainingOutcome wholeOutcome;

    @BeforeAll
    static void trainOnce(@TempDir Path dir) throws IOException {
        whole = dir.resolve("whole");
        wholeOutcome = train(tiny("dropclass.schedule=iteration"), whole);
    }

    private static Path finalCheckpoint(Path run) {
        return run.resolve("checkpoints").resolve(StateCheckpoints.fileName(6));
    }

    @Test
    void dropClassRunResumedBeforeTheFirstValidationEndsBitIdentical() throws IOException {
        Path resumed = killedAfter(whole, 2, tmp.resolve("killed"));
        Files.writeString(resumed.resolve("checkpoints").resolve(
                ".iter_000003.safetensors.123.abc.tmp"), "half a checkpoint");
        Experiment.TrainingOutcome b =
                Experiment.resume(resumed, null, List.of("resume"), quiet(), false);

        assertSameTensors(finalCheckpoint(whole), finalCheckpoint(resumed));
        assertThat(Files.mismatch(finalCheckpoint(whole), finalCheckpoint(resumed)))
                .as("whole file, metadata included").isEqualTo(-1);
        assertThat(Files.mismatch(whole.resolve("checkpoints/last.safetensors"),
                resumed.resolve("checkpoints/last.safetensors"))).isEqualTo(-1);
        assertThat(b.bestMeanIou()).isEqualTo(wholeOutcome.bestMeanIou());
        assertThat(b.bestIteration()).isEqualTo(wholeOutcome.bestIteration());
        assertThat(losses(resumed)).isEqualTo(losses(whole)); // history cut at 2, then redone
        assertThat(TrainingHistory.read(resumed, 99).snapshot().validation())
                .isEqualTo(TrainingHistory.read(whole, 99).snapshot().validation());
        assertThat(resumed.resolve("checkpoints")).isDirectoryNotContaining("glob:**.tmp");
        RunManifest m = ResultFiles.readJson(resumed.resolve("manifest.json"), RunManifest.class);
        assertThat(m.status()).isEqualTo("finished");
        assertThat(m.resumes()).singleElement().satisfies(r -> {
            assertThat(r.iteration()).isEqualTo(2);
            assertThat(r.previousStatus()).isEqualTo("interrupted");
        });
        // the class-drop path ran: λ = i/6 dropped in some steps
        assertThat(losses(whole)).anyMatch(l -> l.get("dropped") == 1.0);
    }

    @Test
    void aCorruptNewestCheckpointFallsBackAndTheBestComesFromTheCheckpoint() throws IOException {
        Path resumed = killedAfter(whole, 5, tmp.resolve("killed"));
        Path newest = resumed.resolve("checkpoints").resolve(StateCheckpoints.fileName(5));
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 3] ^= 0x40; // a flipped bit in the tensor data
        Files.write(newest, bytes);
        // the validation rows are gone: the best can only come from the checkpoint
        ResultFiles.writeJson(resumed.resolve("history.json"), new TrainingHistory.Snapshot(
                TrainingHistory.read(whole, 4).snapshot().train(), List.of()));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Experiment.TrainingOutcome b = Experiment.resume(resumed, null, List.of("resume"),
                new PrintStream(console, true, StandardCharsets.UTF_8), false);
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("iter_000005.safetensors is corrupt")
                .contains("falling back to iter_000004.safetensors");
        RunManifest m = ResultFiles.readJson(resumed.resolve("manifest.json"), RunManifest.class);
        assertThat(m.resumes()).singleElement()
                .satisfies(r -> assertThat(r.iteration()).isEqualTo(4));
        assertSameTensors(finalCheckpoint(whole), finalCheckpoint(resumed));
        assertThat(b.bestMeanIou()).isEqualTo(wholeOutcome.bestMeanIou());
        assertThat(b.bestIteration()).isEqualTo(wholeOutcome.bestIteration());
    }

    @Test
    void aChangedConfigurationIsRefused() throws IOException {
        Path resumed = killedAfter(whole, 4, tmp.resolve("killed"));
        Path config = resumed.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"iterations\" : 6",
                "\"iterations\" : 7"));
        assertThatThrownBy(() -> Experiment.resume(resumed, null, List.of(), quiet(), false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("config.json: differs from the configuration of "
                        + "iter_000004.safetensors");
    }
}
