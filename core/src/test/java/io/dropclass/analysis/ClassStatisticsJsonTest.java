package io.dropclass.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassStatisticsJsonTest {

    @TempDir Path folder;

    @Test
    void fileFollowsTheSchemaWithCountsSharesAndAllFourWeightings() throws IOException {
        Path file = folder.resolve("stats/class-statistics.json");

        ClassStatisticsJson.write(
                file, "toy", "train", ClassStatistics.compute(ListDataset.twoImages()));

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.get("dataset").asText()).isEqualTo("toy");
        assertThat(root.get("split").asText()).isEqualTo("train");
        assertThat(root.get("images").asInt()).isEqualTo(2);
        assertThat(root.get("ignored_pixels").asLong()).isEqualTo(2);
        assertThat(root.get("classes").get(1).toString())
                .isEqualTo("{\"id\":1,\"name\":\"b\",\"pixels\":1,\"share\":0.125,\"images\":1}");
        JsonNode weights = root.get("weights");
        assertThat(weights.fieldNames())
                .toIterable()
                .containsExactly("inverse", "median_frequency", "enet", "effective_number");
        assertThat(weights.get("inverse").toString()).isEqualTo("[0.4,2.0,1.0,0.0]");
        assertThat(weights.get("median_frequency").toString()).isEqualTo("[0.8,2.0,1.0,0.0]");
    }

    @Test
    void undefinedSharesAreWrittenAsNull() throws IOException {
        Path file = folder.resolve("empty.json");
        ClassStatistics empty =
                ClassStatistics.compute(new ListDataset(ListDataset.CATALOG, List.of()));

        ClassStatisticsJson.write(file, "toy", "val", empty);

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.get("classes").get(0).get("share").isNull()).isTrue();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("empty.json");
        }
    }
}
