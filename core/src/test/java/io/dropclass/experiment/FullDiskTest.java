package io.dropclass.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.dropclass.config.ConfigFiles;
import io.dropclass.config.ExperimentConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A training run whose output folder fills up: the run directory lives on an in-memory file system
 * of 256 KiB (jimfs), enough for the configuration, manifest and statistics but not for a
 * checkpoint of HRNetV2-W18-Small (6 MB), so the first checkpoint write fails mid-run.
 */
class FullDiskTest {

    @Test
    void aFullDiskStopsTheRunWithOneLineNamingTheCheckpointAndLeavesNoPartialFile()
            throws IOException {
        ExperimentConfig config = ConfigFiles.resolve(ExperimentConfig.defaults(), null, List.of(
                "data.height=32", "data.width=64", "data.train_images=4", "data.val_images=2",
                "train.iterations=1", "train.batch_size=2", "train.validation_interval=1",
                "runtime.threads=1", "method.name=baseline"));
        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setBlockSize(4096).setMaxSize(256 * 1024).build())) {
            Path run = disk.getPath("/runs/full");
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            assertThatThrownBy(() -> Experiment.train(config, run, List.of("train"),
                    new PrintStream(console, true, StandardCharsets.UTF_8), false))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> {
                        String message = e.getMessage();
                        assertThat(message).doesNotContain("\n")
                                .startsWith(run.resolve("checkpoints") + "/")
                                .contains(".safetensors: cannot write (out of disk space)")
                                .endsWith("; free space on the device or choose another --output"
                                        + " folder");
                    });

            // no checkpoint, complete or partial, and no temporary file anywhere in the run
            try (Stream<Path> files = Files.walk(run)) {
                assertThat(files.map(p -> p.getFileName() == null ? "" : p.getFileName()
                        .toString())).noneMatch(n -> n.endsWith(".safetensors"))
                        .noneMatch(n -> n.endsWith(".tmp"));
            }
            // the space of the failed write came back, so the manifest could say "failed"
            JsonNode manifest = new ObjectMapper().readTree(
                    Files.readString(run.resolve("manifest.json")));
            assertThat(manifest.get("status").asText()).isEqualTo("failed");
            assertThat(manifest.get("error").asText()).contains("out of disk space");
        }
    }
}
