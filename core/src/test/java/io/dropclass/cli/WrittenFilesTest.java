package io.dropclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The closing list of what a command wrote. */
class WrittenFilesTest {

    @TempDir Path dir;

    @Test
    void namesEachExistingPathOnceWithAlignedLabels() throws IOException {
        Path metrics = Files.writeString(dir.resolve("metrics.json"), "{}");
        Path chart = Files.writeString(dir.resolve("class_stats.png"), "png");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new WrittenFiles()
                .add("metrics", metrics)
                .add("class statistics chart", chart)
                .add("again", metrics) // the same file: named once, under its first label
                .add("never written", dir.resolve("missing.json"))
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "metrics:                " + metrics,
                "class statistics chart: " + chart);
    }
}
