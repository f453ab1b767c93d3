package io.dropclass.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.TensorData;
import io.dropclass.run.RunDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared warm start: one per configuration, trained once, the start of every method. */
class WarmStartTest {

    @TempDir Path tmp;

    private static ExperimentConfig tiny(String... more) throws IOException {
        List<String> overrides = new ArrayList<>(List.of(
                "data.height=32", "data.width=64", "data.train_images=8", "data.val_images=4",
                "train.iterations=3", "train.batch_size=2", "train.validation_interval=3",
                "runtime.threads=2", "warm_start.iterations=4", "warm_start.seed=77"));
        overrides.addAll(List.of(more));
        return ConfigFiles.resolve(ExperimentConfig.defaults(), null, overrides);
    }

    @Test
    void everyMethodAndSeedOfAComparisonMapsToOneWarmStart() throws IOException {
        Path a = WarmStart.folder(tiny("method.name=baseline", "runtime.seed=1"), tmp);
        Path b = WarmStart.folder(tiny("method.name=dropclass", "dropclass.alpha=1",
                "runtime.seed=2", "train.iterations=9", "optimizer.lr=0.003",
                "loss.class_weights=inverse", "runtime.threads=1"), tmp);
        assertThat(b).isEqualTo(a);
        assertThat(a.getFileName().toString()).matches("warm-start-[0-9a-f]{12}");
        // what decides the warm start's weights makes another one
        assertThat(WarmStart.folder(tiny("warm_start.iterations=5"), tmp)).isNotEqualTo(a);
        assertThat(WarmStart.folder(tiny("warm_start.seed=78"), tmp)).isNotEqualTo(a);
        assertThat(WarmStart.folder(tiny("data.crop_height=16", "data.crop_width=32"), tmp))
                .isNotEqualTo(a);
    }

    @Test
    void theWarmStartIsPlainCrossEntropyOnItsOwnSeedStepsAndImages() throws IOException {
        ExperimentConfig warm = WarmStart.warmConfig(tiny("method.name=dropclass",
                "warm_start.train_images=6", "warm_start.lr=0.02", "runtime.seed=3"));
        assertThat(warm.method().name().key()).isEqualTo("baseline");
        assertThat(warm.runtime().seed()).isEqualTo(77);
        assertThat(warm.train().iterations()).isEqualTo(4);
        assertThat(warm.optimizer().lr()).isEqualTo(0.02);
        assertThat(warm.data().trainImages()).isEqualTo(6);
        assertThat(warm.warmStart().enabled()).isFalse();
    }

    @Test
    void withoutAWarmStartTheConfigurationIsUnchanged() throws IOException {
        ExperimentConfig plain = tiny("warm_start.iterations=0");
        assertThat(WarmStart.apply(plain, tmp, quiet())).isSameAs(plain);
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void isTrainedOnceAndEveryRunStartsFromItsWeights() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(log, true, StandardCharsets.UTF_8);
        ExperimentConfig baseline = WarmStart.apply(tiny("method.name=baseline"), tmp, console);
        ExperimentConfig dropclass = WarmStart.apply(tiny("method.name=dropclass"), tmp, console);
        Path warm = WarmStart.folder(tiny(), tmp);
        assertThat(RunDirectory.isFinished(warm)).isTrue();
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("warm start: == " + warm)
                .contains("warm start: reusing finished run " + warm);
        assertThat(text.split("warm start: == ", -1)).hasSize(2); // trained once
        Path weights = warm.resolve("checkpoints/last.safetensors").toAbsolutePath();
        assertThat(baseline.model().pretrained()).isEqualTo(weights.toString());
        assertThat(dropclass.model().pretrained()).isEqualTo(weights.toString());
        assertThat(baseline.warmStart().weights()).isEqualTo(weights.toString());
        // a configuration that starts from its warm start (a child process's task) is left as it
        // is: not warm-started again from its own weights
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(WarmStart.apply(baseline, tmp.resolve("elsewhere"),
                new PrintStream(again, true, StandardCharsets.UTF_8))).isSameAs(baseline);
        assertThat(again.size()).isZero();
        assertThat(tmp.resolve("elsewhere")).doesNotExist();

        // a run from the warm start begins with its weights: after 0 steps they are unchanged
        Path run = tmp.resolve("run");
        Experiment.train(ConfigFiles.resolve(baseline, null,
                List.of("train.iterations=1", "optimizer.lr=1e-12", "optimizer.momentum=0",
                        "optimizer.weight_decay=0", "train.validation_interval=1")),
                run, List.of("test"), quiet(), false);
        Map<String, TensorData> before = SafeTensors.readTensors(weights);
        Map<String, TensorData> after =
                SafeTensors.readTensors(run.resolve("checkpoints/last.safetensors"));
        String conv = before.keySet().stream().filter(k -> k.endsWith("conv1.weight")).findFirst()
                .orElseThrow();
        float[] x = before.get(conv).toFloatArray();
        float[] y = after.get(conv).toFloatArray();
        for (int i = 0; i < x.length; i++) {
            assertThat(y[i]).isCloseTo(x[i], org.assertj.core.data.Offset.offset(1e-6f));
        }
        assertThat(Files.readString(run.resolve("config.json"))).contains(weights.toString());
    }

    @Test
    void theStudyPresetsWarmStartShipsWithTheToolkitAndIsUsedWithoutTraining() throws IOException {
        ExperimentConfig preset =
                ConfigFiles.fromResource("experiments/synthetic_hrnet-w18s-v1_study.json");
        // if this fails, the preset no longer matches the shipped weights: train them again
        // (docs/evidence.md, "The shipped warm start") or restore the preset
        String name = WarmStart.name(preset);
        assertThat(WarmStart.class.getResource(WarmStart.EMBEDDED
                + name.substring("warm-start-".length()) + ".safetensors")).isNotNull();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ExperimentConfig started = WarmStart.apply(ConfigFiles.resolve(preset, null,
                List.of("method.name=dropclass", "runtime.seed=2")), tmp,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        Path file = tmp.resolve(name + ".safetensors").toAbsolutePath();
        assertThat(started.model().pretrained()).isEqualTo(file.toString());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("the toolkit's own")
                .doesNotContain("==");
        assertThat(tmp.resolve(name)).doesNotExist(); // nothing trained
        Map<String, TensorData> weights = SafeTensors.readTensors(file);
        assertThat(weights.keySet()).anyMatch(k -> k.contains("last_layer"));
        // asked to, it trains its own instead (here only its name is checked: the same folder)
        ExperimentConfig own = ConfigFiles.resolve(preset, null, List.of("warm_start.embedded=false"));
        assertThat(WarmStart.name(own)).isEqualTo(name);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
