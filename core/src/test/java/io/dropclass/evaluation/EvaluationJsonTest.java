package io.dropclass.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationJsonTest {

    @TempDir Path folder;

    @Test
    void writtenEvaluationReadsBackEqual() throws IOException {
        Path file = folder.resolve("run/metrics.json");

        EvaluationJson.write(file, SegmentationEvaluationTest.example());

        assertThat(EvaluationJson.read(file)).isEqualTo(SegmentationEvaluationTest.example());
    }

    @Test
    void nanIsWrittenAsNullAndThePolicyIsExplained() throws IOException {
        Path file = folder.resolve("metrics.json");
        EvaluationJson.write(file, SegmentationEvaluationTest.example());

        JsonNode root = new ObjectMapper().readTree(file.toFile());

        assertThat(root.get("classes").get(2).get("iou").isNull()).isTrue();
        assertThat(root.get("classes").get(2).get("accuracy").isNull()).isTrue();
        assertThat(root.get("classes").get(0).get("iou").asDouble()).isEqualTo(4.0 / 6);
        assertThat(root.get("mean_iou").asDouble()).isEqualTo(19.0 / 30);
        assertThat(root.get("mean_iou_absent_as_zero").asDouble()).isEqualTo(19.0 / 45);
        assertThat(root.get("absent_classes").toString()).isEqualTo("[2]");
        assertThat(root.get("absent_class_policy").asText()).contains("nanmean", "max(1, union)");
        assertThat(root.get("confusion").toString()).isEqualTo("[[4,1,0],[1,3,0],[0,0,0]]");
    }

    @Test
    void writingLeavesNoTemporaryFileBehind() throws IOException {
        EvaluationJson.write(folder.resolve("metrics.json"), SegmentationEvaluationTest.example());
        EvaluationJson.write(folder.resolve("metrics.json"), SegmentationEvaluationTest.example());

        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("metrics.json");
        }
    }

    @Test
    void readingAMissingFileNamesIt() {
        Path file = folder.resolve("absent.json");

        assertThatThrownBy(() -> EvaluationJson.read(file))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("absent.json");
    }

    @Test
    void readingAnEmptyFileSaysSo() throws IOException {
        Path file = Files.createFile(folder.resolve("empty.json"));

        assertThatThrownBy(() -> EvaluationJson.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": empty file");
    }

    @Test
    void readingBrokenJsonNamesTheFileAndTheProblem() throws IOException {
        Path file = Files.writeString(folder.resolve("broken.json"), "{\"label_set\": ");

        assertThatThrownBy(() -> EvaluationJson.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": not valid JSON");
    }

    @Test
    void readingAFileWithoutConfusionNamesTheMissingField() throws IOException {
        Path file =
                Files.write(
                        folder.resolve("partial.json"),
                        "{\"label_set\": \"toy\", \"classes\": [{\"name\": \"a\"}]}"
                                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> EvaluationJson.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": missing field 'confusion'");
    }
}
