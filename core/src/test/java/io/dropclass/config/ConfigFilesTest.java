package io.dropclass.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @TempDir Path dir;

    private ExperimentConfig resolve(Path file, String... overrides) throws IOException {
        return ConfigFiles.resolve(ExperimentConfig.defaults(), file, List.of(overrides));
    }

    @Test
    void defaultsResolveWithoutFileOrOverrides() throws IOException {
        assertThat(resolve(null)).isEqualTo(ExperimentConfig.defaults());
    }

    @Test
    void jsonFileChangesOnlyTheKeysItNames() throws IOException {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"train\": {\"iterations\": 7}, \"name\": \"x\"}");
        ExperimentConfig c = resolve(file);
        assertThat(c.train().iterations()).isEqualTo(7);
        assertThat(c.name()).isEqualTo("x");
        assertThat(c.train().batchSize()).isEqualTo(TrainConfig.defaults().batchSize());
    }

    @Test
    void yamlFileAndOverridesApplyInOrder() throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "optimizer:\n  lr: 0.02\ndata:\n  flip: false\n");
        ExperimentConfig c = resolve(file, "optimizer.lr=0.5", "runtime.seed=3");
        assertThat(c.optimizer().lr()).isEqualTo(0.5);
        assertThat(c.data().flip()).isFalse();
        assertThat(c.runtime().seed()).isEqualTo(3);
    }

    @Test
    void unknownKeyInFileIsNamedWithItsPath() throws IOException {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"train\": {\"iteratons\": 7}}");
        assertThatThrownBy(() -> resolve(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config key 'train.iteratons': unknown key");
    }

    @Test
    void invalidValueIsNamedWithItsPath() {
        assertThatThrownBy(() -> resolve(null, "train.batch_size=0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'train.batch_size'")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> resolve(null, "model.architecture=resnet"))
                .hasMessageContaining("'model.architecture'")
                .hasMessageContaining("hrnet_w18_small_v1");
    }

    @Test
    void wrongTypesAreRejectedWithTheKey() throws IOException {
        assertThatThrownBy(() -> resolve(null, "train.iterations=many"))
                .hasMessageContaining("'train.iterations'").hasMessageContaining("integer");
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"train\": {\"iterations\": \"7\"}}");
        assertThatThrownBy(() -> resolve(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("train.iterations");
        Files.writeString(file, "{\"train\": {\"iterations\": 2.5}}");
        assertThatThrownBy(() -> resolve(file)).hasMessageContaining("train.iterations");
    }

    @Test
    void malformedFilesNameTheFile() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"train\": ");
        assertThatThrownBy(() -> resolve(file))
                .isInstanceOf(IOException.class).hasMessageContaining(file.toString());
        assertThatThrownBy(() -> resolve(dir.resolve("missing.json")))
                .hasMessageContaining("no such file");
        Path txt = dir.resolve("c.txt");
        Files.writeString(txt, "{}");
        assertThatThrownBy(() -> resolve(txt)).hasMessageContaining(".json, .yaml or .yml");
    }

    @Test
    void overrideWithoutEqualsOrOnASectionIsRejected() {
        assertThatThrownBy(() -> resolve(null, "train")).hasMessageContaining("key=value");
        assertThatThrownBy(() -> resolve(null, "train=3")).hasMessageContaining("is a section");
    }

    @Test
    void resolvedConfigRoundTripsThroughJson() throws IOException {
        ExperimentConfig c = resolve(null, "train.iterations=9", "data.val_split=shift");
        Path file = dir.resolve("round.json");
        Files.writeString(file, ConfigFiles.toJson(c));
        assertThat(resolve(file)).isEqualTo(c);
        assertThat(Files.readString(file)).contains("\"batch_size\"");
    }

    @Test
    void resumeAndDivergenceKeysAreValidated() throws Exception {
        ExperimentConfig c = resolve(null, "train.keep_checkpoints=5", "train.checkpoint_interval=50",
                "train.on_nonfinite=skip", "train.max_skipped_steps=3");
        assertThat(c.train().keepCheckpoints()).isEqualTo(5);
        assertThat(c.train().checkpointInterval()).isEqualTo(50);
        assertThat(c.train().skipsNonFinite()).isTrue();
        assertThat(c.train().maxSkippedSteps()).isEqualTo(3);
        assertThat(ExperimentConfig.defaults().train().keepCheckpoints()).isEqualTo(3);
        assertThat(ExperimentConfig.defaults().train().skipsNonFinite()).isFalse();
        assertThatThrownBy(() -> resolve(null, "train.keep_checkpoints=0"))
                .hasMessageContaining("train.keep_checkpoints");
        assertThatThrownBy(() -> resolve(null, "train.checkpoint_interval=-1"))
                .hasMessageContaining("train.checkpoint_interval");
        assertThatThrownBy(() -> resolve(null, "train.on_nonfinite=ignore"))
                .hasMessageContaining("train.on_nonfinite").hasMessageContaining("stop, skip");
    }
}
