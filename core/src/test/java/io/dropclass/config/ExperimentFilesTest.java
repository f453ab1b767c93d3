package io.dropclass.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped experiment file resolves, and names every key (a diff shows the whole change). */
class ExperimentFilesTest {

    @Test
    void everyExperimentFileIsCompleteAndValid() throws IOException {
        String defaults = ConfigFiles.toJson(ExperimentConfig.defaults());
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("experiments"))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            ExperimentConfig config = ConfigFiles.resolve(ExperimentConfig.defaults(), file, List.of());
            String text = ConfigFiles.toJson(config);
            assertThat(keys(text)).as(file.toString()).isEqualTo(keys(defaults));
            assertThat(keys(Files.readString(file))).as(file + " names every key")
                    .isEqualTo(keys(defaults));
        }
    }

    private static List<String> keys(String json) {
        return json.lines().map(String::strip).filter(l -> l.startsWith("\""))
                .map(l -> l.substring(0, l.indexOf('"', 1) + 1)).sorted().toList();
    }
}
